import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Flex, Popconfirm, Progress, Statistic, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { searchApi } from './search-api';
import { useJobProgress } from './use-job-progress';

/** The index's size and the rebuild button, with the rebuild's live progress bar. */
export function ReindexCard({ indexed }: { indexed: number | undefined }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<number | null>(null);
  const job = useJobProgress(jobId);
  const start = useMutation({
    mutationFn: searchApi.reindex,
    onSuccess: (r) => {
      setJobId(r.id);
      void message.success(t('search.reindexStarted', { id: r.id }));
    },
    onError: (e) => showProblem(e),
  });
  const finished = job?.status === 'succeeded';
  // Once per finished rebuild: the index size changed.
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: ['search', 'stats'] });
  }, [finished, queryClient]);

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={16}>
        <div>
          <Statistic title={t('search.indexed')} value={indexed ?? '—'} />
          <Typography.Text type="secondary">{t('search.indexedHint')}</Typography.Text>
        </div>
        <Popconfirm title={t('search.reindexConfirm')} onConfirm={() => start.mutate()}>
          <Button type="primary" icon={<ReloadOutlined aria-hidden />} loading={start.isPending || (job !== null && job.status === 'running')}>
            {t('search.reindex')}
          </Button>
        </Popconfirm>
      </Flex>
      {job && (
        <div aria-live="polite" style={{ marginTop: 16 }}>
          {job.status === 'failed' ? (
            <Alert type="error" showIcon title={t('search.failed', { error: job.lastError ?? job.progressMessage })} />
          ) : (
            <>
              <Progress percent={finished ? 100 : Math.round(job.progress)} status={finished ? 'success' : 'active'} aria-label={t('search.progress')} />
              <Typography.Text type="secondary">
                {job.status === 'queued' ? t('search.queued') : finished ? t('search.done') : job.progressMessage}
              </Typography.Text>
            </>
          )}
        </div>
      )}
    </Card>
  );
}
