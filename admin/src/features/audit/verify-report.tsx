import { Alert } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { VerifyReport as Report } from './audit-api';

export function VerifyReport({ report, onClose }: { report: Report; onClose: () => void }) {
  const { t } = useI18n();
  if (report.ok) {
    return (
      <Alert
        type="success"
        showIcon
        closable={{ onClose }}
        title={t('audit.verifyOk')}
        description={t('audit.verifyOkText', { events: report.events ?? 0, checkpoints: report.checkpoints ?? 0 })}
      />
    );
  }
  const parts = [
    report.firstBadSeq !== undefined ? t('audit.verifyBadSeq', { seq: report.firstBadSeq }) : '',
    report.message ?? report.reason ?? '',
  ].filter(Boolean);
  return <Alert type="error" showIcon closable={{ onClose }} title={t('audit.verifyBad')} description={parts.join(' ')} />;
}
