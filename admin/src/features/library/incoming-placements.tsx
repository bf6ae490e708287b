import { useState } from 'react';
import { App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { CursorPager, useCursorPages } from '../../app/cursor-pager';
import { ReasonModal } from '../review/reason-modal';
import { libraryApi, libraryKeys, PLACEMENT_STATUSES, type Placement, type PlacementStatus } from './library-api';

const STATUS_COLORS: Readonly<Record<PlacementStatus, string>> = { pending: 'gold', accepted: 'green', declined: 'default', removed: 'default' };

/** 接收的引用: what other sites offered to the user's columns, with the receiving side's decision. */
export function IncomingPlacements() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<PlacementStatus | undefined>('pending');
  const pages = useCursorPages();
  const [declining, setDeclining] = useState<Placement | null>(null);
  const { cursor } = pages;
  const list = useQuery({ queryKey: libraryKeys.incoming(status, cursor), queryFn: () => libraryApi.incoming(status, cursor), placeholderData: keepPreviousData });
  const decide = useMutation({
    mutationFn: (q: { id: number; decision: 'accept' | 'decline' | 'remove'; reason?: string }) => libraryApi.decide(q.id, q.decision, q.reason),
    onSuccess: (_r, q) => {
      void queryClient.invalidateQueries({ queryKey: libraryKeys.all });
      void message.success(t(q.decision === 'accept' ? 'library.accepted' : q.decision === 'decline' ? 'library.declined' : 'library.removed'));
      setDeclining(null);
    },
    onError: (e, q) => { if (q.decision !== 'decline') void message.error(problemText(e, t('common.error'))); },
  });

  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <label htmlFor="placement-status">{t('library.filterStatus')}</label>
        <Select id="placement-status" allowClear value={status} style={{ width: 160 }}
          onChange={(v: PlacementStatus | undefined) => { setStatus(v); pages.reset(); }}
          options={PLACEMENT_STATUSES.map((s) => ({ value: s, label: t(`library.statusLabel.${s}`) }))} />
      </Space>
      {list.error && <Typography.Text type="danger">{problemText(list.error, t('common.error'))}</Typography.Text>}
      <Table<Placement>
        rowKey="id" size="middle" loading={list.isFetching} pagination={false} dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('library.empty') }}
        columns={[
          {
            title: t('library.col.origin'), dataIndex: 'originTitle',
            render: (title: string, p) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/documents/${p.mode === 'copy' ? p.documentId : p.originDocumentId}`}>{title}</Link>
                <Typography.Text type="secondary">{p.originSiteName}</Typography.Text>
              </Space>
            ),
          },
          { title: t('library.col.target'), key: 'target', render: (_v, p) => `${p.siteName} › ${p.columnName}` },
          { title: t('library.col.mode'), dataIndex: 'mode', width: 80, render: (m: Placement['mode']) => t(`library.modeLabel.${m}`) },
          {
            title: t('library.col.status'), dataIndex: 'status', width: 120,
            render: (s: PlacementStatus, p) => <Tag color={STATUS_COLORS[s]} title={p.note ?? undefined}>{t(`library.statusLabel.${s}`)}</Tag>,
          },
          { title: t('library.col.requestedBy'), key: 'by', width: 170, render: (_v, p) => `${p.createdByName} ${formatTime(p.createdAt)}` },
          { title: t('library.col.decidedBy'), key: 'decided', width: 170, render: (_v, p) => (p.decidedAt === null ? '—' : `${p.decidedByName ?? ''} ${formatTime(p.decidedAt)}`) },
          {
            title: t('library.col.actions'), key: 'actions', width: 220,
            render: (_v, p) => p.mode === 'reference' && (
              <Space size={4} wrap>
                {p.status === 'pending' && can('documents.review') && (
                  <>
                    <Button size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate({ id: p.id, decision: 'accept' })}>{t('library.accept')}</Button>
                    <Button size="small" onClick={() => setDeclining(p)}>{t('library.decline')}</Button>
                  </>
                )}
                {(p.status === 'pending' || p.status === 'accepted') && can('documents.write') && (
                  <Button size="small" danger onClick={() => decide.mutate({ id: p.id, decision: 'remove' })}>{t('library.remove')}</Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} />
      {declining && (
        <ReasonModal
          title={t('library.decline')} label={t('library.declineReason')} okText={t('library.decline')} required danger
          pending={decide.isPending} error={decide.error ? problemText(decide.error, t('common.error')) : null}
          onSubmit={(v) => decide.mutateAsync({ id: declining.id, decision: 'decline', reason: v.reason })}
          onClose={() => { setDeclining(null); decide.reset(); }}
        />
      )}
    </>
  );
}
