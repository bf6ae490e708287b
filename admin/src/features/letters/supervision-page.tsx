import { Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { DueChart, type DueCounts } from './due-chart';
import { LetterActions } from './letter-actions';
import { lettersApi, lettersKeys, type SupervisionItem, type SupervisionView } from './letters-api';
import { DueTag, EmptyText, SolidTag } from './due-tag';

function countsBySite(v: SupervisionView): DueCounts[] {
  return v.bySite.map((r) => ({ name: r.siteName, counts: { overdue: r.overdue, due_soon: r.dueSoon, normal: r.normal } }));
}

/** 督办: overdue and due-soon letters, extensions to decide, escalation notices and the 3-month alarms. */
export function SupervisionPage() {
  const { t } = useI18n();
  const view = useQuery({ queryKey: lettersKeys.supervision, queryFn: lettersApi.supervision, refetchInterval: 60_000 });
  const v = view.data;
  const base: ColumnsType<SupervisionItem> = [
    { title: t('letters.due'), key: 'due', width: 90, render: (_, l) => <DueTag state={l.dueState} /> },
    { title: t('letters.stepDueAt'), key: 'eff', width: 170, render: (_, l) => formatTime(l.effectiveDueAt) },
    {
      title: t('letters.subject'), key: 'subject',
      render: (_, l) => (
        <span>
          <Link to={`/letters/${l.id}`}>{l.subject}</Link>
          {l.escalated && ' '}{l.escalated && <SolidTag color="#871400">{t('letters.supervision.escalated')}</SolidTag>}
        </span>
      ),
    },
    { title: t('letters.status'), dataIndex: 'statusName', key: 'status' },
    { title: t('letters.site'), dataIndex: 'siteName', key: 'site' },
    { title: t('letters.unitName'), key: 'unit', render: (_, l) => l.handlingOrgName ?? '—' },
  ];
  const extensionColumns: ColumnsType<SupervisionItem> = [
    ...base,
    { title: t('letters.extension'), key: 'ext', render: (_, l) => (l.extension ? t('letters.extensionText', { days: l.extension.days, reason: l.extension.reason }) : '—') },
    {
      title: t('letters.actions'), key: 'actions',
      render: (_, l) => <LetterActions letter={{ id: l.id, subject: l.subject, version: 0 }} actions={['approve_extension', 'reject_extension']} />,
    },
  ];
  const rows = v ? countsBySite(v) : [];
  const table = (title: string, data: readonly SupervisionItem[], columns: ColumnsType<SupervisionItem>, id: string) => (
    <Card size="small" title={title} data-testid={id}>
      <Table<SupervisionItem> rowKey="id" size="small" columns={columns} dataSource={[...data]} loading={view.isFetching && !v} pagination={{ pageSize: 20 }}
        locale={{ emptyText: <EmptyText>{t('letters.none')}</EmptyText> }} rowClassName={(l) => `letter-row due-${l.dueState}`} scroll={{ x: 'max-content' }} />
    </Card>
  );
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('letters.supervision.title')}</Typography.Title>
      <Card size="small" title={t('letters.supervision.chart')}>
        <DueChart rows={rows} />
        <table className="sr-only-table" style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
          <caption>{t('letters.supervision.chart')}</caption>
          <thead><tr><th scope="col">{t('letters.site')}</th>{(['overdue', 'due_soon', 'normal'] as const).map((s) => <th key={s} scope="col">{t(`letters.due.${s}`)}</th>)}</tr></thead>
          <tbody>{rows.map((r) => <tr key={r.name}><th scope="row">{r.name}</th><td>{r.counts.overdue}</td><td>{r.counts.due_soon}</td><td>{r.counts.normal}</td></tr>)}</tbody>
        </table>
      </Card>
      {table(t('letters.supervision.overdue'), v?.overdue ?? [], base, 'supervision-overdue')}
      {table(t('letters.supervision.dueSoon'), v?.dueSoon ?? [], base, 'supervision-due-soon')}
      {table(t('letters.supervision.extensions'), v?.pendingExtensions ?? [], extensionColumns, 'supervision-extensions')}
      <Card size="small" title={t('letters.supervision.notices')}>
        <Table
          rowKey="id"
          size="small"
          dataSource={[...(v?.notices ?? [])]}
          pagination={{ pageSize: 20 }}
          locale={{ emptyText: <EmptyText>{t('letters.none')}</EmptyText> }}
          columns={[
            { title: t('letters.supervision.createdAt'), key: 'at', width: 170, render: (_, n) => formatTime(n.createdAt) },
            {
              title: t('letters.mailboxes.kind'), key: 'kind',
              render: (_, n) => <SolidTag color={n.kind === 'three_month_alarm' ? '#780650' : '#a8071a'}>{t(n.kind === 'three_month_alarm' ? 'letters.supervision.noticeKind.three_month_alarm' : 'letters.supervision.noticeKind.escalation')}</SolidTag>,
            },
            { title: t('letters.supervision.message'), key: 'msg', render: (_, n) => <Link to={`/letters/${n.letterId}`}>{n.message}</Link> },
          ]}
        />
      </Card>
    </Flex>
  );
}
