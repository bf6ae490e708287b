import { useState } from 'react';
import { Button, Card, Flex, Input, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { GrantsDrawer } from './grants-drawer';
import { identityApi, identityKeys, type UserRow } from './identity-api';
import { InitialPasswordModal, type InitialPassword } from './initial-password-modal';
import { OrgSelect } from './org-select';
import { UserFormModal } from './user-form-modal';
import { UserTable } from './user-table';

export function UsersPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [orgId, setOrgId] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<UserRow | 'new' | null>(null);
  const [granting, setGranting] = useState<UserRow | null>(null);
  const [initial, setInitial] = useState<InitialPassword | null>(null);

  const params = { q: q || undefined, orgId, page, pageSize };
  const users = useQuery({
    queryKey: [...identityKeys.users, params],
    queryFn: () => identityApi.users(params),
    placeholderData: keepPreviousData,
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('users.title')}
        </Typography.Title>
        {can('identity.users.manage') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('users.create')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Flex gap={12} wrap>
          <Input.Search
            aria-label={t('users.search')}
            placeholder={t('users.searchPlaceholder')}
            enterButton={t('common.search')}
            allowClear
            onSearch={(value) => {
              setQ(value.trim());
              setPage(1);
            }}
            style={{ width: 320 }}
          />
          <OrgSelect
            aria-label={t('users.filterOrg')}
            placeholder={t('users.filterOrg')}
            allowClear
            value={orgId ?? null}
            onChange={(v) => {
              setOrgId(v);
              setPage(1);
            }}
            style={{ width: 280 }}
          />
        </Flex>
      </Card>
      <UserTable
        loading={users.isFetching}
        items={users.data?.items ?? []}
        total={users.data?.total ?? 0}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, size) => {
          setPage(size === pageSize ? p : 1);
          setPageSize(size);
        }}
        onEdit={setEditing}
        onGrants={setGranting}
        onInitialPassword={setInitial}
      />
      {editing !== null && (
        <UserFormModal
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(created) => {
            setEditing(null);
            setInitial(created);
          }}
        />
      )}
      <InitialPasswordModal value={initial} onClose={() => setInitial(null)} />
      {granting && <GrantsDrawer user={granting} onClose={() => setGranting(null)} />}
    </Flex>
  );
}
