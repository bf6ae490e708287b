import { Alert, Progress, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { publishingApi, publishingKeys } from './publishing-api';

const DONE = new Set(['succeeded', 'failed', 'cancelled']);

/** A rebuild's progress bar, fed by the job's stored progress (polled while it runs). */
export function RebuildProgress({ jobId }: { jobId: number }) {
  const { t } = useI18n();
  const job = useQuery({
    queryKey: publishingKeys.job(jobId), queryFn: () => publishingApi.job(jobId),
    refetchInterval: (q) => (q.state.data && DONE.has(q.state.data.status) ? false : 700),
  });
  const j = job.data;
  if (!j) return null;
  if (j.status === 'failed') return <Alert type="error" showIcon title={t('publishing.failed', { error: j.error ?? '' })} />;
  const percent = j.status === 'succeeded' ? 100 : j.progress;
  return (
    <div aria-live="polite">
      <Progress percent={percent} status={j.status === 'succeeded' ? 'success' : 'active'} aria-label={t('publishing.progress')} />
      <Typography.Text type="secondary">{j.status === 'queued' ? t('publishing.queued') : j.status === 'succeeded' ? t('publishing.done') : j.message}</Typography.Text>
    </div>
  );
}
