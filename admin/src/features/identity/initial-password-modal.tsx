import { Modal, Typography } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';

export interface InitialPassword {
  readonly name: string;
  readonly password: string;
}

/** The one time the platform shows a password: after creating a user or resetting theirs. */
export function InitialPasswordModal({ value, onClose }: { value: InitialPassword | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={value !== null}
      title={t('users.initialPasswordTitle')}
      onOk={onClose}
      onCancel={onClose}
      okText={t('users.passwordNoted')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {value && (
        <>
          <Typography.Paragraph>{t('users.initialPasswordText', { name: value.name })}</Typography.Paragraph>
          <Typography.Paragraph>
            <Typography.Text>{t('users.initialPassword', { name: value.name })}：</Typography.Text>
            <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="initial-password">
              {value.password}
            </Typography.Text>
          </Typography.Paragraph>
        </>
      )}
    </Modal>
  );
}
