import { Flex, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import type { UserRow } from './identity-api';
import type { InitialPassword } from './initial-password-modal';
import { UserActions } from './user-actions';

interface Props {
  readonly loading: boolean;
  readonly items: readonly UserRow[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly onPageChange: (page: number, pageSize: number) => void;
  readonly onEdit: (user: UserRow) => void;
  readonly onGrants: (user: UserRow) => void;
  readonly onInitialPassword: (value: InitialPassword) => void;
}

export function UserTable(props: Props) {
  const { t } = useI18n();
  const now = Date.now();
  const columns: ColumnsType<UserRow> = [
    { title: t('users.username'), dataIndex: 'username', key: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName', key: 'displayName' },
    { title: t('users.org'), dataIndex: 'orgName', key: 'orgName' },
    {
      title: t('users.roles'),
      key: 'roles',
      render: (_, user) => (
        <Flex wrap gap={4}>
          {user.roles.map((r) => (
            <Tag key={r.grantId} color="processing">
              {r.roleLabel}
              {r.scopeName ? ` · ${r.scopeName}` : ''}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      render: (_, user) => (
        <Flex wrap gap={4}>
          {user.status === 'active' ? <Tag color="success">{t('users.active')}</Tag> : <Tag>{t('users.disabled')}</Tag>}
          {user.lockedUntil !== null && user.lockedUntil > now && (
            <Tag color="warning">{t('users.lockedUntil', { time: formatTime(user.lockedUntil) })}</Tag>
          )}
        </Flex>
      ),
    },
    {
      title: t('users.totp'),
      key: 'totp',
      render: (_, user) => (user.totpEnabled ? t('users.totpOn') : t('users.totpOff')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, user) => (
        <UserActions
          user={user}
          isLocked={user.lockedUntil !== null && user.lockedUntil > now}
          onEdit={props.onEdit}
          onGrants={props.onGrants}
          onInitialPassword={props.onInitialPassword}
        />
      ),
    },
  ];

  return (
    <Table<UserRow>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={[...props.items]}
      loading={props.loading}
      pagination={{
        current: props.page,
        pageSize: props.pageSize,
        total: props.total,
        showSizeChanger: true,
        showTotal: (n) => t('common.total', { n }),
        onChange: props.onPageChange,
      }}
      scroll={{ x: 'max-content' }}
    />
  );
}
