import { useState } from 'react';
import { Alert, App, Button, Drawer, Space, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { problemText } from '../../app/problems';
import { checksApi, type DraftChecksReport, type DraftInput } from '../checks/checks-api';
import { CheckResultsList } from '../checks/check-results-list';

/**
 * 机器检查: runs the machine checks on the text as it stands in the editor (saved or not) and
 * lists the findings, so an editor fixes them before submitting instead of hearing of them
 * from a reviewer. Nothing is stored (POST /api/v1/checks/run); the review view still shows
 * the checks run at submission.
 */
export function CheckDraftButton({ draft }: { draft: () => Promise<DraftInput | null> }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [report, setReport] = useState<DraftChecksReport | null>(null);
  const run = useMutation({
    mutationFn: async () => {
      const input = await draft();
      return input ? checksApi.run(input) : null;
    },
    onSuccess: (r) => { if (r) setReport(r); },
    onError: (e) => { void message.error(problemText(e, t('common.error'))); },
  });
  return (
    <>
      <Button icon={<SafetyCertificateOutlined aria-hidden />} loading={run.isPending} onClick={() => run.mutate()}>{t('documents.checkDraft')}</Button>
      <Drawer open={report !== null} onClose={() => setReport(null)} title={t('documents.checkDraft')} size="large">
        {report && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Alert type={report.blocking ? 'error' : report.counts.warn > 0 ? 'warning' : 'success'} showIcon
              title={report.blocking ? t('documents.checkDraftBlocking', { block: report.counts.block, warn: report.counts.warn }) : t('documents.checkDraftCounts', { warn: report.counts.warn })} />
            <Typography.Text type="secondary">{t('documents.checkDraftNote')}</Typography.Text>
            <CheckResultsList results={report.results} />
          </Space>
        )}
      </Drawer>
    </>
  );
}
