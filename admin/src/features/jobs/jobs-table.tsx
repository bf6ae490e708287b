import { App, Button, Flex, Popconfirm, Progress, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { jobsApi, jobsKeys, type Job, type JobStatus } from './jobs-api';

const STATUS_COLOR: Readonly<Record<JobStatus, string>> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

const PROGRESS_STATUS: Readonly<Record<JobStatus, 'normal' | 'active' | 'success' | 'exception'>> = {
  queued: 'normal',
  running: 'active',
  succeeded: 'success',
  failed: 'exception',
  cancelled: 'normal',
};

interface Props {
  readonly items: readonly Job[];
  readonly total: number;
  readonly loading: boolean;
  readonly page: number;
  readonly pageSize: number;
  readonly onPageChange: (page: number, pageSize: number) => void;
}

function JobActions({ job }: { job: Job }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const done = (text: string) => {
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: jobsKeys.lists });
  };
  const retry = useMutation({
    mutationFn: () => jobsApi.retry(job.id),
    onSuccess: () => done(t('jobs.retried', { id: job.id })),
    onError: (e) => showProblem(e),
  });
  const cancel = useMutation({
    mutationFn: () => jobsApi.cancel(job.id),
    onSuccess: () => done(t('jobs.cancelled', { id: job.id })),
    onError: (e) => showProblem(e),
  });
  return (
    <Flex gap={0}>
      {(job.status === 'failed' || job.status === 'cancelled') && (
        <Button type="link" size="small" loading={retry.isPending} onClick={() => retry.mutate()}>
          {t('jobs.retry')}
        </Button>
      )}
      {job.status === 'queued' && (
        <Popconfirm
          title={t('jobs.cancelConfirm', { id: job.id })}
          okText={t('common.ok')}
          cancelText={t('common.cancel')}
          onConfirm={() => cancel.mutate()}
        >
          <Button type="link" size="small" danger loading={cancel.isPending}>
            {t('jobs.cancel')}
          </Button>
        </Popconfirm>
      )}
    </Flex>
  );
}

export function JobsTable({ items, total, loading, page, pageSize, onPageChange }: Props) {
  const { t } = useI18n();
  const { can } = useAuth();
  const columns: ColumnsType<Job> = [
    { title: t('jobs.id'), dataIndex: 'id', key: 'id', width: 80 },
    { title: t('jobs.kind'), dataIndex: 'kind', key: 'kind', render: (k: string) => <Typography.Text code>{k}</Typography.Text> },
    {
      title: t('jobs.status'),
      key: 'status',
      render: (_, j) => <Tag color={STATUS_COLOR[j.status]}>{t(`jobs.status.${j.status}`)}</Tag>,
    },
    {
      title: t('jobs.progress'),
      key: 'progress',
      width: 220,
      render: (_, j) => (
        <Progress
          aria-label={t('jobs.progressOf', { id: j.id })}
          percent={Math.round(j.progress)}
          status={PROGRESS_STATUS[j.status]}
          size="small"
        />
      ),
    },
    { title: t('jobs.message'), dataIndex: 'progressMessage', key: 'message' },
    { title: t('jobs.attempts'), key: 'attempts', render: (_, j) => `${j.attempts}/${j.maxAttempts}` },
    { title: t('jobs.createdAt'), key: 'createdAt', render: (_, j) => formatTime(j.createdAt) },
    { title: t('jobs.finishedAt'), key: 'finishedAt', render: (_, j) => formatTime(j.finishedAt) },
    {
      title: t('jobs.lastError'),
      dataIndex: 'lastError',
      key: 'lastError',
      render: (e: string | null) => (e ? <Typography.Text type="danger">{e}</Typography.Text> : '—'),
    },
  ];
  if (can('jobs.manage')) columns.push({ title: t('common.actions'), key: 'actions', render: (_, j) => <JobActions job={j} /> });

  return (
    <Table<Job>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...items]}
      loading={loading}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (n) => t('common.total', { n }),
        onChange: onPageChange,
      }}
      scroll={{ x: 'max-content' }}
    />
  );
}
