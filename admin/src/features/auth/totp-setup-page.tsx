import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { authApi, type TotpSetup } from './auth-api';
import { RecoveryCodes } from './recovery-codes';

export function TotpSetupPage() {
  const { t } = useI18n();
  const { me, refresh } = useAuth();
  const navigate = useNavigate();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<readonly string[] | null>(null);

  const start = useMutation({ mutationFn: authApi.setupTotp, onSuccess: setSetup, onError: (e) => showProblem(e) });
  const enable = useMutation({
    mutationFn: (code: string) => authApi.enableTotp(code),
    onSuccess: (r) => setCodes(r.recoveryCodes),
    onError: (e) => showProblem(e, form),
  });

  const finish = async () => {
    await refresh();
    void navigate('/', { replace: true });
  };

  let body;
  if (codes) {
    body = <RecoveryCodes codes={codes} onDone={() => void finish()} />;
  } else if (setup) {
    body = (
      <Flex vertical gap={16}>
        <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
        <img src={setup.qrDataUrl} alt={t('totp.qrAlt')} width={200} height={200} style={{ alignSelf: 'center' }} />
        <div>
          <Typography.Text>{t('totp.secret')}：</Typography.Text>
          <Typography.Text code copyable data-testid="totp-secret">
            {setup.secret}
          </Typography.Text>
        </div>
        <Form form={form} name="totp" layout="vertical" onFinish={(v) => enable.mutate(v.code.trim())} disabled={enable.isPending}>
          <Form.Item
            name="code"
            label={t('totp.code')}
            extra={t('login.totpHelp')}
            rules={[
              { required: true, message: t('common.required', { field: t('totp.code') }) },
              { pattern: /^\s*\d{6}\s*$/, message: t('login.totpFormat') },
            ]}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 200 }} autoFocus />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={enable.isPending}>
            {t('totp.enable')}
          </Button>
        </Form>
      </Flex>
    );
  } else {
    body = (
      <Flex vertical gap={16} align="flex-start">
        <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
        {me?.totpEnabled && <Alert type="info" showIcon title={t('totp.alreadyEnabled')} />}
        <Button type="primary" loading={start.isPending} onClick={() => start.mutate()}>
          {t('totp.start')}
        </Button>
      </Flex>
    );
  }

  return (
    <Card style={{ maxWidth: 640 }}>
      <Typography.Title level={1} style={{ fontSize: 22, marginTop: 0 }}>
        {t('totp.title')}
      </Typography.Title>
      {body}
    </Card>
  );
}
