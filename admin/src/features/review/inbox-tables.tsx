import { Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { formatTime } from '../../app/format';
import { EditionStatusTag } from '../documents/status-tags';
import type { FastTrackedItem, InboxItem, ReturnedItem } from './review-api';

/** Editions waiting for the reader's decision, oldest submission first. */
export function InboxTable({ items, loading }: { items: readonly InboxItem[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<InboxItem>
      rowKey="editionId" size="middle" loading={loading} dataSource={[...items]} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('review.inbox.empty') }}
      columns={[
        {
          title: t('documents.field.title'), dataIndex: 'title',
          render: (title: string, i) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/review/${i.documentId}`}>{title || t('documents.untitled')}</Link>
              <Typography.Text type="secondary">{i.columnName} · {t(`documents.kindLabel.${i.kind}`)}</Typography.Text>
            </Space>
          ),
        },
        {
          title: t('review.step'), dataIndex: 'stepName', width: 180,
          render: (name: string, i) => (
            <Space size={4} wrap>
              <Tag color={i.isSecrecy ? 'purple' : 'blue'}>{name}</Tag>
              <Typography.Text type="secondary">{t('review.stepOf', { n: i.step + 1, total: i.stepCount })}</Typography.Text>
            </Space>
          ),
        },
        { title: t('documents.author'), dataIndex: 'authorName', width: 120 },
        { title: t('review.submittedAt'), dataIndex: 'submittedAt', width: 170, render: (ms: number | null) => formatTime(ms) },
        {
          title: t('review.checks'), dataIndex: 'blockingChecks', width: 130,
          render: (n: number) => (n > 0 ? <Tag color="error">{t('review.blockingCount', { n })}</Tag> : <Tag color="success">{t('review.checksPass')}</Tag>),
        },
      ]}
    />
  );
}

/** Drafts returned to the reader, with who returned them and why. */
export function ReturnedTable({ items, loading }: { items: readonly ReturnedItem[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<ReturnedItem>
      rowKey="editionId" size="middle" loading={loading} dataSource={[...items]} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('review.returned.empty') }}
      columns={[
        { title: t('documents.field.title'), dataIndex: 'title', render: (title: string, i) => <Link to={`/documents/${i.documentId}`}>{title || t('documents.untitled')}</Link> },
        { title: t('review.returned.reason'), dataIndex: 'reason', render: (r: string | null) => <Typography.Text type="danger">{r ?? '—'}</Typography.Text> },
        { title: t('review.returned.by'), dataIndex: 'rejectedBy', width: 160, render: (by: string, i) => `${by}（${i.stepName}）` },
        { title: t('review.returned.at'), dataIndex: 'rejectedAt', width: 170, render: (ms: number) => formatTime(ms) },
      ]}
    />
  );
}

/** Emergency publications still waiting for their post-review. */
export function FastTrackedTable({ items, loading }: { items: readonly FastTrackedItem[]; loading: boolean }) {
  const { t } = useI18n();
  return (
    <Table<FastTrackedItem>
      rowKey="editionId" size="middle" loading={loading} dataSource={[...items]} pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: t('review.fastTracked.empty') }}
      columns={[
        {
          title: t('documents.field.title'), dataIndex: 'title',
          render: (title: string, i) => (
            <Space orientation="vertical" size={0}>
              <Link to={`/review/${i.documentId}`}>{title || t('documents.untitled')}</Link>
              <Typography.Text type="secondary">{i.columnName}</Typography.Text>
            </Space>
          ),
        },
        { title: t('documents.status'), dataIndex: 'status', width: 110, render: (s: FastTrackedItem['status']) => <EditionStatusTag status={s} /> },
        { title: t('review.fastTracked.by'), dataIndex: 'fastTrackedBy', width: 200, render: (by: string, i) => `${by} · ${formatTime(i.fastTrackedAt)}` },
        { title: t('review.fastTracked.reason'), dataIndex: 'reason' },
        {
          title: t('review.fastTracked.progress'), key: 'progress', width: 220,
          render: (_v, i) => (
            <Space orientation="vertical" size={0}>
              <span>{t('review.postReview.review')}：{i.reviewBy ?? t('review.pending')}</span>
              <span>{t('review.postReview.secrecy')}：{i.secrecyBy ?? t('review.pending')}</span>
            </Space>
          ),
        },
      ]}
    />
  );
}
