import { useState } from 'react';
import { Button, Flex, Select, Spin, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { formatTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { documentKeys, documentsApi, type EditionSummary } from './documents-api';
import { DiffView } from './diff-view';
import { EditionStatusTag } from './status-tags';

/** 修订历史: every edition, and a diff between any two of them. */
export function RevisionsPanel({ documentId }: { documentId: number }) {
  const { t } = useI18n();
  const editions = useQuery({ queryKey: documentKeys.editions(documentId), queryFn: () => documentsApi.editions(documentId) });
  const items = editions.data?.items ?? [];
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  const diff = useQuery({
    queryKey: documentKeys.diff(documentId, pair?.from ?? 0, pair?.to ?? 0),
    queryFn: () => documentsApi.diff(documentId, pair!.from, pair!.to),
    enabled: pair !== null,
  });
  const choices = items.map((e) => ({ value: e.id, label: t('documents.edition', { n: e.number }) }));
  const compareLatest = (e: EditionSummary) => {
    const newest = items[0];
    if (newest && newest.id !== e.id) { setFrom(e.id); setTo(newest.id); setPair({ from: e.id, to: newest.id }); }
  };

  if (editions.isLoading) return <Spin />;
  return (
    <>
      <Table<EditionSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={items}
        columns={[
          { title: t('documents.editionNumber'), dataIndex: 'number', width: 80 },
          { title: t('documents.status'), dataIndex: 'status', width: 120, render: (s: EditionSummary['status']) => <EditionStatusTag status={s} /> },
          { title: t('documents.field.title'), dataIndex: 'title', ellipsis: true },
          { title: t('documents.author'), dataIndex: 'authorName', width: 100 },
          { title: t('documents.lastEditor'), dataIndex: 'lastEditorName', width: 100 },
          { title: t('documents.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (ms: number) => formatTime(ms) },
          { title: t('documents.publishedAt'), dataIndex: 'publishedAt', width: 170, render: (ms: number | null) => formatTime(ms) },
          {
            title: t('documents.field.correctionNote'), dataIndex: 'correctionNote', width: 160,
            render: (v: string | null) => (v ? <Tag color="orange">{v}</Tag> : '—'),
          },
          {
            title: t('common.actions'), key: 'a', width: 120,
            render: (_v, e) => (items[0]?.id !== e.id ? <Button size="small" type="link" onClick={() => compareLatest(e)}>{t('documents.diff.withLatest')}</Button> : null),
          },
        ]}
      />
      <Flex gap={8} align="center" wrap style={{ margin: '16px 0' }}>
        <Typography.Text>{t('documents.diff.compare')}</Typography.Text>
        <Select style={{ width: 140 }} aria-label={t('documents.diff.from')} placeholder={t('documents.diff.from')} value={from} options={choices} onChange={setFrom} />
        <span aria-hidden>→</span>
        <Select style={{ width: 140 }} aria-label={t('documents.diff.to')} placeholder={t('documents.diff.to')} value={to} options={choices} onChange={setTo} />
        <Button type="primary" disabled={from === undefined || to === undefined} onClick={() => { if (from !== undefined && to !== undefined) setPair({ from, to }); }}>
          {t('documents.diff.show')}
        </Button>
      </Flex>
      {diff.isFetching && <Spin />}
      {diff.error && <Typography.Text type="danger">{problemText(diff.error, t('common.error'))}</Typography.Text>}
      {diff.data && !diff.isFetching && <DiffView diff={diff.data} />}
    </>
  );
}
