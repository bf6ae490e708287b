import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { identityApi, identityKeys, type UserRow } from './identity-api';
import type { InitialPassword } from './initial-password-modal';
import { OrgSelect } from './org-select';

interface Values {
  username: string;
  displayName: string;
  orgId: number;
  email?: string;
  phone?: string;
}

interface Props {
  /** null = create a new user. */
  readonly user: UserRow | null;
  readonly onClose: () => void;
  readonly onCreated: (value: InitialPassword) => void;
}

const blankToUndefined = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);

export function UserFormModal({ user, onClose, onCreated }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isNew = user === null;

  const save = useMutation({
    mutationFn: async (v: Values) => {
      if (isNew) {
        const email = blankToUndefined(v.email);
        const phone = blankToUndefined(v.phone);
        const r = await identityApi.createUser({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          orgId: v.orgId,
          ...(email ? { email } : {}),
          ...(phone ? { phone } : {}),
        });
        return { name: v.displayName.trim(), password: r.initialPassword };
      }
      await identityApi.updateUser(user.id, { displayName: v.displayName.trim(), orgId: v.orgId });
      return null;
    },
    onSuccess: (created, v) => {
      void queryClient.invalidateQueries({ queryKey: identityKeys.users });
      if (created) {
        void message.success(t('users.created', { name: created.name }));
        onCreated(created);
      } else {
        void message.success(t('users.updated', { name: v.displayName }));
        onClose();
      }
    },
    onError: (e) => showProblem(e, form),
  });

  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label }) });

  return (
    <Modal
      open
      title={isNew ? t('users.create') : t('users.editTitle', { name: user.displayName })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        name="user"
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={user ? { username: user.username, displayName: user.displayName, orgId: user.orgId } : {}}
      >
        <Form.Item name="username" label={t('users.username')} rules={isNew ? [required(t('users.username'))] : []}>
          <Input autoComplete="off" disabled={!isNew} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[required(t('users.displayName'))]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('users.org')}
          rules={[{ required: true, message: t('common.required', { field: t('users.org') }) }]}
        >
          <OrgSelect />
        </Form.Item>
        {isNew && (
          <>
            <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.email') }]}>
              <Input type="email" autoComplete="off" />
            </Form.Item>
            <Form.Item name="phone" label={t('users.phone')}>
              <Input type="tel" autoComplete="off" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
