import { Button, Form, Input } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';

export type SecondFactorMode = 'none' | 'totp' | 'recovery';

interface Props {
  readonly mode: Exclude<SecondFactorMode, 'none'>;
  readonly onModeChange: (mode: SecondFactorMode) => void;
}

/** The 6-digit code, or a one-time recovery code for someone without their phone. */
export function SecondFactorFields({ mode, onModeChange }: Props) {
  const { t } = useI18n();
  if (mode === 'recovery') {
    return (
      <>
        <Form.Item
          name="recoveryCode"
          label={t('login.recoveryCode')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.recoveryCode') }) }]}
        >
          <Input autoComplete="off" autoFocus spellCheck={false} />
        </Form.Item>
        <Button type="link" style={{ padding: 0, marginBottom: 16 }} onClick={() => onModeChange('totp')}>
          {t('login.useTotp')}
        </Button>
      </>
    );
  }
  return (
    <>
      <Form.Item
        name="totp"
        label={t('login.totp')}
        extra={t('login.totpHelp')}
        rules={[
          { required: true, message: t('common.required', { field: t('login.totp') }) },
          { pattern: /^\s*\d{6}\s*$/, message: t('login.totpFormat') },
        ]}
      >
        <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
      </Form.Item>
      <Button type="link" style={{ padding: 0, marginBottom: 16 }} onClick={() => onModeChange('recovery')}>
        {t('login.useRecovery')}
      </Button>
    </>
  );
}
