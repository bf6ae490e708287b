import { App, Button, Flex, Popconfirm } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { identityApi, identityKeys, type UserRow } from './identity-api';
import type { InitialPassword } from './initial-password-modal';

interface Props {
  readonly user: UserRow;
  readonly isLocked: boolean;
  readonly onEdit: (user: UserRow) => void;
  readonly onGrants: (user: UserRow) => void;
  readonly onInitialPassword: (value: InitialPassword) => void;
}

/** Row actions; each shows only to holders of the permission the server will ask for. */
export function UserActions({ user, isLocked, onEdit, onGrants, onInitialPassword }: Props) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const name = user.displayName || user.username;
  const reload = () => queryClient.invalidateQueries({ queryKey: identityKeys.users });

  const resetPassword = useMutation({
    mutationFn: () => identityApi.resetPassword(user.id),
    onSuccess: (r) => onInitialPassword({ name, password: r.initialPassword }),
    onError: (e) => showProblem(e),
  });
  const setStatus = useMutation({
    mutationFn: (status: 'active' | 'disabled') => identityApi.updateUser(user.id, { status }),
    onSuccess: () => {
      void message.success(t('users.updated', { name }));
      void reload();
    },
    onError: (e) => showProblem(e),
  });
  const unlock = useMutation({
    mutationFn: () => identityApi.unlock(user.id),
    onSuccess: () => {
      void message.success(t('users.unlocked', { name }));
      void reload();
    },
    onError: (e) => showProblem(e),
  });
  const resetTotp = useMutation({
    mutationFn: () => identityApi.resetTotp(user.id),
    onSuccess: () => {
      void message.success(t('users.totpReset', { name }));
      void reload();
    },
    onError: (e) => showProblem(e),
  });

  const confirm = { okText: t('common.ok'), cancelText: t('common.cancel') };
  const canManage = can('identity.users.manage');
  const canSecure = can('identity.lockout.manage');

  return (
    <Flex wrap gap={0}>
      {canManage && (
        <Button type="link" size="small" onClick={() => onEdit(user)}>
          {t('users.edit')}
        </Button>
      )}
      {canManage && (
        <Popconfirm title={t('users.resetPasswordConfirm', { name })} onConfirm={() => resetPassword.mutate()} {...confirm}>
          <Button type="link" size="small" loading={resetPassword.isPending}>
            {t('users.resetPassword')}
          </Button>
        </Popconfirm>
      )}
      {canManage &&
        (user.status === 'active' ? (
          <Popconfirm title={t('users.disableConfirm', { name })} onConfirm={() => setStatus.mutate('disabled')} {...confirm}>
            <Button type="link" size="small" danger loading={setStatus.isPending}>
              {t('users.disable')}
            </Button>
          </Popconfirm>
        ) : (
          <Button type="link" size="small" loading={setStatus.isPending} onClick={() => setStatus.mutate('active')}>
            {t('users.enable')}
          </Button>
        ))}
      {canSecure && isLocked && (
        <Button type="link" size="small" loading={unlock.isPending} onClick={() => unlock.mutate()}>
          {t('users.unlock')}
        </Button>
      )}
      {canSecure && user.totpEnabled && (
        <Popconfirm title={t('users.resetTotpConfirm', { name })} onConfirm={() => resetTotp.mutate()} {...confirm}>
          <Button type="link" size="small" loading={resetTotp.isPending}>
            {t('users.resetTotp')}
          </Button>
        </Popconfirm>
      )}
      {can('identity.grants.read') && (
        <Button type="link" size="small" onClick={() => onGrants(user)}>
          {t('users.grants')}
        </Button>
      )}
    </Flex>
  );
}
