import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import type { AuditEvent, AuditResult } from './audit-api';

const RESULT_COLOR: Readonly<Record<AuditResult, string>> = { success: 'success', denied: 'error', failure: 'warning' };

function detailText(detail: unknown): string {
  if (typeof detail === 'string') {
    try {
      return JSON.stringify(JSON.parse(detail), null, 2);
    } catch {
      return detail;
    }
  }
  return JSON.stringify(detail ?? {}, null, 2);
}

interface Props {
  readonly items: readonly AuditEvent[];
  readonly total: number;
  readonly loading: boolean;
  readonly page: number;
  readonly pageSize: number;
  readonly onPageChange: (page: number, pageSize: number) => void;
}

export function AuditTable({ items, total, loading, page, pageSize, onPageChange }: Props) {
  const { t } = useI18n();
  const columns: ColumnsType<AuditEvent> = [
    { title: t('audit.seq'), dataIndex: 'seq', key: 'seq', width: 80 },
    { title: t('audit.at'), key: 'at', render: (_, e) => formatTime(e.at), width: 180 },
    { title: t('audit.actor'), dataIndex: 'actorName', key: 'actor' },
    { title: t('audit.action'), dataIndex: 'action', key: 'action', render: (a: string) => <Typography.Text code>{a}</Typography.Text> },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_, e) => (e.targetType ? `${e.targetType}${e.targetId ? ` #${e.targetId}` : ''}` : '—'),
    },
    {
      title: t('audit.result'),
      key: 'result',
      render: (_, e) => <Tag color={RESULT_COLOR[e.result] ?? 'default'}>{t(`audit.result.${e.result}`)}</Tag>,
    },
    { title: t('audit.ip'), dataIndex: 'ip', key: 'ip' },
  ];

  return (
    <Table<AuditEvent>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...items]}
      loading={loading}
      expandable={{
        expandedRowRender: (e) => (
          <div>
            <Typography.Paragraph style={{ marginBottom: 4 }}>
              {t('audit.userAgent')}：{e.userAgent || '—'}
            </Typography.Paragraph>
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} aria-label={t('audit.detail')}>
              {detailText(e.detail)}
            </pre>
          </div>
        ),
      }}
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
