import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { authApi } from './auth-api';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordPage() {
  const { t } = useI18n();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<Values>();

  const change = useMutation({
    mutationFn: (v: Values) => authApi.changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: async () => {
      void message.success(t('password.changed'));
      form.resetFields();
      // The server lifts the restriction; /auth/me says what comes next (2FA set-up or home).
      await refresh();
      void navigate('/', { replace: true });
    },
    onError: (err) => showProblem(err, form),
  });

  const required = (label: string) => ({ required: true, message: t('common.required', { field: label }) });

  return (
    <Card style={{ maxWidth: 520 }}>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
        {t('password.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('password.hint')}</Typography.Paragraph>
      <Form form={form} name="password" layout="vertical" onFinish={(v) => change.mutate(v)} disabled={change.isPending}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[required(t('password.current'))]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('password.new')} rules={[required(t('password.new'))]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            required(t('password.confirm')),
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
