import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { InterviewFormModal } from './interview-form-modal';
import { interviewsApi, interviewsKeys, type Interview, type InterviewInput, type InterviewStatus } from './interviews-api';

export const STATUS_COLOR: Readonly<Record<InterviewStatus, string>> = { scheduled: 'blue', live: 'red', ended: 'default', archived: 'default' };

/** 在线访谈: the interviews of my sites, and scheduling a new one (moderators). */
export function InterviewsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: interviewsKeys.list, queryFn: interviewsApi.list });
  const create = useMutation({
    mutationFn: ({ siteId, input }: { siteId: number; input: InterviewInput }) => interviewsApi.create(siteId, input),
    onSuccess: () => {
      setCreating(false);
      void message.success(t('interviews.saved'));
      void queryClient.invalidateQueries({ queryKey: interviewsKeys.all });
    },
  });
  const columns: ColumnsType<Interview> = [
    { title: t('interviews.field.title'), key: 'title', render: (_, i) => <Link to={`/interviews/${i.id}`}>{i.title}</Link> },
    { title: t('interviews.field.time'), key: 'time', render: (_, i) => `${formatTime(i.scheduledStart)} — ${formatTime(i.scheduledEnd)}` },
    { title: t('interviews.field.guests'), key: 'guests', render: (_, i) => i.guests.map((g) => g.name).join('、') },
    { title: t('interviews.status'), key: 'status', render: (_, i) => <Tag color={STATUS_COLOR[i.status]}>{t(`interviews.status.${i.status}`)}</Tag> },
  ];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('interviews.title')}</Typography.Title>
        {can('interaction.interviews.manage') && <Button type="primary" onClick={() => setCreating(true)}>{t('interviews.new')}</Button>}
      </Flex>
      <Alert type="info" showIcon title={t('interviews.intro')} />
      <Card size="small">
        <Table rowKey="id" size="small" loading={list.isLoading} columns={columns} dataSource={list.data?.items ?? []} pagination={{ pageSize: 20 }} />
      </Card>
      {creating && (
        <InterviewFormModal interview={null} pending={create.isPending} onClose={() => setCreating(false)}
          onSubmit={(siteId, input) => create.mutateAsync({ siteId: siteId ?? 0, input })} />
      )}
    </Flex>
  );
}
