import { Alert, App, Button, Drawer, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { GrantForm } from './grant-form';
import { identityApi, identityKeys, type Grant, type UserRow } from './identity-api';

export function GrantsDrawer({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const grants = useQuery({ queryKey: identityKeys.grants(user.id), queryFn: () => identityApi.grants(user.id) });
  const canManage = can('identity.grants.manage');

  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: identityKeys.grants(user.id) });
    void queryClient.invalidateQueries({ queryKey: identityKeys.users });
  };
  const revoke = useMutation({
    mutationFn: (id: number) => identityApi.revoke(id),
    onSuccess: () => {
      void message.success(t('grants.revoked'));
      reload();
    },
    onError: (e) => showProblem(e),
  });

  const columns: ColumnsType<Grant> = [
    { title: t('grants.role'), dataIndex: 'roleLabel', key: 'role' },
    {
      title: t('grants.scopeType'),
      key: 'scope',
      render: (_, g) => `${t(`scope.${g.scopeType}`)}${g.scopeName ? `：${g.scopeName}` : g.scopeId !== null ? `：${g.scopeId}` : ''}`,
    },
    { title: t('grants.grantedAt'), key: 'at', render: (_, g) => formatTime(g.grantedAt) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, g) => (
        <Popconfirm
          title={t('grants.revokeConfirm')}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => revoke.mutate(g.id)}
        >
          <Button type="link" size="small" danger>
            {t('grants.revoke')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Drawer open title={t('grants.title', { name: `${user.displayName}（${user.username}）` })} size={640} onClose={onClose} destroyOnHidden>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('grants.current')}
      </Typography.Title>
      <Table<Grant>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={grants.data?.items ?? []}
        loading={grants.isLoading}
        pagination={false}
        locale={{ emptyText: t('grants.none') }}
        style={{ marginBottom: 24 }}
      />
      {canManage ? (
        <GrantForm userId={user.id} onGranted={reload} />
      ) : (
        <Alert type="info" showIcon title={t('grants.readOnly')} />
      )}
    </Drawer>
  );
}
