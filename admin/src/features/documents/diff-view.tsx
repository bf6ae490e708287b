import { Alert, Empty, Table, Typography } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { DocumentDiff } from './documents-api';

const INS = { background: '#d9f7be', color: '#135200', textDecoration: 'none' } as const;
const DEL = { background: '#ffccc7', color: '#820014' } as const;

/** A readable diff: changed metadata fields, then the body text with insertions and deletions marked. */
export function DiffView({ diff }: { diff: DocumentDiff }) {
  const { t } = useI18n();
  const nothing = diff.fields.length === 0 && diff.body.inserted === 0 && diff.body.deleted === 0
    && diff.attachments.added.length === 0 && diff.attachments.removed.length === 0;
  if (nothing) return <Empty description={t('documents.diff.same')} />;
  return (
    <>
      {diff.fields.length > 0 && (
        <Table
          size="small"
          pagination={false}
          rowKey="field"
          style={{ marginBottom: 16 }}
          dataSource={[...diff.fields]}
          columns={[
            { title: t('documents.diff.field'), dataIndex: 'label', width: 140 },
            { title: t('documents.diff.before', { n: diff.from.number }), dataIndex: 'before', render: (v: string | null) => (v === null ? '—' : <del style={DEL}>{v}</del>) },
            { title: t('documents.diff.after', { n: diff.to.number }), dataIndex: 'after', render: (v: string | null) => (v === null ? '—' : <ins style={INS}>{v}</ins>) },
          ]}
        />
      )}
      {(diff.attachments.added.length > 0 || diff.attachments.removed.length > 0) && (
        <Typography.Paragraph>
          {diff.attachments.added.map((n) => <ins key={`+${n}`} style={{ ...INS, marginRight: 8 }}>{t('documents.diff.attachmentAdded', { name: n })}</ins>)}
          {diff.attachments.removed.map((n) => <del key={`-${n}`} style={{ ...DEL, marginRight: 8 }}>{t('documents.diff.attachmentRemoved', { name: n })}</del>)}
        </Typography.Paragraph>
      )}
      {diff.body.truncated && <Alert type="warning" showIcon title={t('documents.diff.truncated')} style={{ marginBottom: 8 }} />}
      <Typography.Text type="secondary">{t('documents.diff.stats', { ins: diff.body.inserted, del: diff.body.deleted })}</Typography.Text>
      <div style={{ whiteSpace: 'pre-wrap', lineHeight: 1.9, border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, marginTop: 8 }} aria-label={t('documents.diff.body')}>
        {diff.body.ranges.map((r, i) => (r.op === 'equal' ? <span key={i}>{r.text}</span>
          : r.op === 'insert' ? <ins key={i} style={INS}>{r.text}</ins> : <del key={i} style={DEL}>{r.text}</del>))}
      </div>
    </>
  );
}
