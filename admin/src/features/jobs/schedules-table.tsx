import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { jobsApi, jobsKeys, type Schedule } from './jobs-api';

export function SchedulesTable() {
  const { t } = useI18n();
  const schedules = useQuery({ queryKey: jobsKeys.schedules, queryFn: jobsApi.schedules, refetchInterval: 60_000 });
  const columns: ColumnsType<Schedule> = [
    { title: t('jobs.scheduleName'), dataIndex: 'name', key: 'name' },
    { title: t('jobs.cron'), dataIndex: 'cron', key: 'cron', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: t('jobs.kind'), dataIndex: 'kind', key: 'kind' },
    {
      title: t('jobs.enabled'),
      key: 'enabled',
      render: (_, s) => (s.enabled ? <Tag color="success">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>),
    },
    { title: t('jobs.nextRunAt'), key: 'next', render: (_, s) => formatTime(s.nextRunAt) },
    { title: t('jobs.lastRunAt'), key: 'last', render: (_, s) => formatTime(s.lastRunAt) },
  ];
  return (
    <Table<Schedule>
      rowKey="name"
      size="small"
      columns={columns}
      dataSource={schedules.data?.items ?? []}
      loading={schedules.isLoading}
      pagination={false}
    />
  );
}
