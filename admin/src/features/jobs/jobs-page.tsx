import { useState } from 'react';
import { App, Badge, Button, Card, Flex, Select, Typography } from 'antd';
import { PlayCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { JOB_STATUSES, jobsApi, jobsKeys, type JobStatus } from './jobs-api';
import { JobsTable } from './jobs-table';
import { SchedulesTable } from './schedules-table';
import { useJobStream } from './use-job-stream';

export function JobsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<JobStatus | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const live = useJobStream();

  const params = { status, page, pageSize };
  const jobs = useQuery({
    queryKey: [...jobsKeys.lists, params],
    queryFn: () => jobsApi.list(params),
    placeholderData: keepPreviousData,
    // Without the live stream, fall back to polling.
    refetchInterval: live ? false : 5_000,
  });

  const demo = useMutation({
    mutationFn: () => jobsApi.demo({ steps: 10, stepMs: 400 }),
    onSuccess: (r) => {
      void message.success(t('jobs.demoStarted', { id: r.id }));
      void queryClient.invalidateQueries({ queryKey: jobsKeys.lists });
    },
    onError: (e) => showProblem(e),
  });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('jobs.title')}
        </Typography.Title>
        <Flex gap={12} align="center">
          <Badge status={live ? 'success' : 'warning'} text={live ? t('jobs.live') : t('jobs.offline')} />
          {can('jobs.manage') && (
            <Button type="primary" icon={<PlayCircleOutlined aria-hidden />} loading={demo.isPending} onClick={() => demo.mutate()}>
              {t('jobs.runDemo')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Card size="small">
        <Select
          aria-label={t('jobs.status')}
          allowClear
          placeholder={t('jobs.allStatuses')}
          style={{ width: 180 }}
          value={status}
          onChange={(v: JobStatus | undefined) => {
            setStatus(v);
            setPage(1);
          }}
          options={JOB_STATUSES.map((s) => ({ value: s, label: t(`jobs.status.${s}`) }))}
        />
      </Card>
      <JobsTable
        items={jobs.data?.items ?? []}
        total={jobs.data?.total ?? 0}
        loading={jobs.isFetching && !jobs.data}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, size) => {
          setPage(size === pageSize ? p : 1);
          setPageSize(size);
        }}
      />
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>
        {t('jobs.schedules')}
      </Typography.Title>
      <SchedulesTable />
    </Flex>
  );
}
