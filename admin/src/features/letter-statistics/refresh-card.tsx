import { useState } from 'react';
import { Alert, App, Button, Flex, Progress, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { letterStatisticsApi, useRefreshJob } from './letter-statistics-api';

/** When the figures were computed, 刷新统计, and the refresh's progress bar. */
export function RefreshCard({ computedAt, canRefresh }: { computedAt: number | null; canRefresh: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useRefreshJob(jobId);
  const start = useMutation({
    mutationFn: letterStatisticsApi.refresh,
    onSuccess: (r) => {
      setJobId(r.id);
      void message.success(t('letterStats.refreshStarted', { id: r.id }));
    },
    onError: (e) => showProblem(e),
  });
  const finished = job?.status === 'succeeded';
  const running = job !== null && (job.status === 'queued' || job.status === 'running');

  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={16}>
        <Typography.Text>{computedAt === null ? t('letterStats.notComputed') : t('letterStats.computedAt', { at: formatTime(computedAt) })}</Typography.Text>
        {canRefresh && (
          <Button type="primary" icon={<ReloadOutlined aria-hidden />} loading={start.isPending || running} onClick={() => start.mutate()}>
            {t('letterStats.refresh')}
          </Button>
        )}
      </Flex>
      {job && (
        <div aria-live="polite" style={{ marginTop: 12 }}>
          {job.status === 'failed' || job.status === 'cancelled' ? (
            <Alert type="error" showIcon title={t('letterStats.refreshFailed', { error: job.lastError ?? job.progressMessage })} />
          ) : (
            <>
              <Progress percent={finished ? 100 : Math.round(job.progress)} status={finished ? 'success' : 'active'} aria-label={t('letterStats.progress')} />
              <Typography.Text type="secondary">
                {job.status === 'queued' ? t('letterStats.queued') : finished ? t('letterStats.refreshDone') : job.progressMessage}
              </Typography.Text>
            </>
          )}
        </div>
      )}
    </div>
  );
}
