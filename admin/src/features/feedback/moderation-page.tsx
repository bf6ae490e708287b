import { useState } from 'react';
import { Alert, App, Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { feedbackApi, feedbackKeys, type CommentStatus, type QueueItem } from './feedback-api';

/** One row's decision: approve or reject, with an optional note. */
function Decide({ item }: { item: QueueItem }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: (decision: 'approve' | 'reject') => feedbackApi.moderate(item.id, decision, note.trim()),
    onSuccess: () => {
      void message.success(t('moderation.done'));
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.queue });
    },
    onError: (e) => showProblem(e),
  });
  return (
    <Flex vertical gap={4}>
      <Input size="small" aria-label={t('moderation.note')} placeholder={t('moderation.note')} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <Space>
        {item.status === 'pending' && (
          <Button size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate('approve')}>
            {t('moderation.approve')}
          </Button>
        )}
        {item.status !== 'rejected' && (
          <Button size="small" danger loading={decide.isPending} onClick={() => decide.mutate('reject')}>
            {t('moderation.reject')}
          </Button>
        )}
      </Space>
    </Flex>
  );
}

/** 评论与意见审核: the one queue of readers' comments and consultation opinions. */
export function ModerationPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<CommentStatus>('pending');
  const queue = useQuery({ queryKey: [...feedbackKeys.queue, status], queryFn: () => feedbackApi.queue({ status }), refetchInterval: 30_000 });

  const columns: ColumnsType<QueueItem> = [
    { title: t('moderation.submittedAt'), key: 'at', width: 170, render: (_, q) => formatTime(q.submittedAt) },
    { title: t('feedback.site'), dataIndex: 'siteName', key: 'site' },
    {
      title: t('moderation.target'),
      key: 'target',
      render: (_, q) => (
        <span>
          <Tag>{t(`moderation.kind.${q.kind}`)}</Tag>
          {q.targetTitle}
          {q.kind === 'opinion' && <Typography.Text type="secondary"> {q.clauseNo === null ? t('moderation.overall') : t('moderation.clause', { n: q.clauseNo })}</Typography.Text>}
        </span>
      ),
    },
    {
      title: t('moderation.body'),
      key: 'body',
      render: (_, q) => (
        <Flex vertical gap={4}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, maxWidth: 480 }}>{q.body}</Typography.Paragraph>
          <Typography.Text type="secondary">
            {t('moderation.nickname')}：{q.nickname || '—'}
            {q.contact && ` · ${t('moderation.contact')}：${q.contact}`}
          </Typography.Text>
          {q.reportCount > 0 && <Alert type="warning" showIcon title={t('moderation.reports', { n: q.reportCount, reason: q.reportReason })} />}
          {q.findings.map((f, i) => (
            <Alert key={i} type={f.severity === 'block' ? 'error' : 'warning'} showIcon title={`${t('moderation.findings')}：${f.message}`} description={f.excerpt} />
          ))}
        </Flex>
      ),
    },
    { title: t('feedback.status'), key: 'action', width: 220, render: (_, q) => <Decide item={q} /> },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('moderation.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('moderation.intro')} />
      <Select
        aria-label={t('feedback.status')}
        style={{ width: 180 }}
        value={status}
        onChange={(v: CommentStatus) => setStatus(v)}
        options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: t(`feedback.status.${s}`) }))}
      />
      <Table<QueueItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={queue.data?.items ?? []}
        loading={queue.isFetching && !queue.data}
        locale={{ emptyText: t('moderation.none') }}
        pagination={{ pageSize: 50 }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}
