import type { CSSProperties } from 'react';
import { App, Alert, Button, Flex, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n/i18n-context';

const listStyle: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
  gap: '8px 24px',
  listStyle: 'none',
  margin: 0,
  padding: 16,
  border: '1px solid #d9d9d9',
  borderRadius: 4,
};

interface Props {
  readonly codes: readonly string[];
  readonly onDone: () => void;
}

/** Shown exactly once after 2FA is turned on: the server keeps only their hashes. */
export function RecoveryCodes({ codes, onDone }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();

  const copyAll = async () => {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      void message.success(t('common.copied'));
    } catch {
      void message.error(t('common.error'));
    }
  };

  return (
    <Flex vertical gap={16}>
      <Alert type="success" showIcon title={t('totp.enabled')} />
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('totp.recoveryTitle')}
      </Typography.Title>
      <Alert type="warning" showIcon title={t('totp.recoveryIntro')} />
      <ul aria-label={t('totp.recoveryTitle')} style={listStyle}>
        {codes.map((code) => (
          <li key={code}>
            <Typography.Text code style={{ fontSize: 16 }}>
              {code}
            </Typography.Text>
          </li>
        ))}
      </ul>
      <Flex gap={12}>
        <Button icon={<CopyOutlined aria-hidden />} onClick={() => void copyAll()}>
          {t('totp.copyAll')}
        </Button>
        <Button type="primary" onClick={onDone}>
          {t('totp.done')}
        </Button>
      </Flex>
    </Flex>
  );
}
