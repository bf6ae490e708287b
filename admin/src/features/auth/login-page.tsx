import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { isApiError } from '../../app/api-client';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { LanguageSwitch } from '../../app/layout/language-switch';
import { applyFieldErrors, problemText } from '../../app/problems';
import { authApi, type LoginInput } from './auth-api';
import { SecondFactorFields, type SecondFactorMode } from './second-factor-fields';

interface LoginValues {
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

function targetFrom(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const { me, signedIn } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginValues>();
  const [mode, setMode] = useState<SecondFactorMode>('none');
  const [error, setError] = useState<string | null>(null);

  const login = useMutation({
    mutationFn: (input: LoginInput) => authApi.login(input),
    onSuccess: (session) => {
      signedIn(session);
      void navigate(targetFrom(location.state), { replace: true });
    },
    onError: (err) => {
      if (isApiError(err) && err.code === 'auth.totp_required') {
        setError(null);
        setMode((m) => (m === 'none' ? 'totp' : m));
        return;
      }
      if (isApiError(err) && err.code === 'auth.totp_invalid') {
        const field = mode === 'recovery' ? 'recoveryCode' : 'totp';
        form.setFields([{ name: field, errors: [err.detail] }]);
        setError(null);
        return;
      }
      applyFieldErrors(form, err);
      setError(problemText(err, t('common.error')));
    },
  });

  if (me) return <Navigate to={targetFrom(location.state)} replace />;

  const submit = (values: LoginValues) => {
    setError(null);
    login.mutate({
      username: values.username.trim(),
      password: values.password,
      ...(mode === 'totp' && values.totp ? { totp: values.totp.trim() } : {}),
      ...(mode === 'recovery' && values.recoveryCode ? { recoveryCode: values.recoveryCode.trim() } : {}),
    });
  };

  const startOver = () => {
    setMode('none');
    setError(null);
    form.resetFields();
  };

  return (
    <Flex vertical align="center" style={{ minHeight: '100vh', background: '#f0f2f5', padding: '48px 16px' }}>
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 960 }}>
        <LanguageSwitch />
      </Flex>
      <main style={{ width: '100%', maxWidth: 400, marginTop: 48 }}>
        <Typography.Paragraph style={{ textAlign: 'center', fontSize: 16 }}>{t('app.title')}</Typography.Paragraph>
        <Card>
          <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center', marginTop: 0 }}>
            {t('login.title')}
          </Typography.Title>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          {mode !== 'none' && !error && <Alert type="info" showIcon title={t('login.totpPrompt')} style={{ marginBottom: 16 }} />}
          <Form form={form} name="login" layout="vertical" onFinish={submit} requiredMark={false} disabled={login.isPending}>
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
            >
              <Input autoComplete="username" autoFocus readOnly={mode !== 'none'} />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
            >
              <Input.Password autoComplete="current-password" readOnly={mode !== 'none'} />
            </Form.Item>
            {mode !== 'none' && <SecondFactorFields mode={mode} onModeChange={setMode} />}
            <Button type="primary" htmlType="submit" block loading={login.isPending}>
              {t('login.submit')}
            </Button>
            {mode !== 'none' && (
              <Button type="link" block onClick={startOver} style={{ marginTop: 8 }}>
                {t('login.startOver')}
              </Button>
            )}
          </Form>
        </Card>
      </main>
    </Flex>
  );
}
