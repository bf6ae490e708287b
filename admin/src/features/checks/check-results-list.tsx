import { List, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { CheckResult } from './checks-api';
import { SeverityTag } from './severity-tag';

interface Props {
  readonly results: readonly CheckResult[];
  /** Called when a finding is chosen, so an editor can select text.slice(start, end) of the field. */
  readonly onSelect?: (result: CheckResult) => void;
}

/** Machine-check findings as a list (for the document editor's side panel): blocking first. */
export function CheckResultsList({ results, onSelect }: Props) {
  const { t, language } = useI18n();
  const en = language === 'en';
  const sorted = [...results].sort((a, b) => Number(b.severity === 'block') - Number(a.severity === 'block'));
  const fieldLabel = (field: string): string => {
    if (field === 'title') return t('checks.field.title');
    if (field === 'body') return t('checks.field.body');
    if (field.startsWith('attachment:')) return t('checks.field.attachment', { name: field.slice(11) });
    return t('checks.field.metadata', { name: field.slice(9) });
  };
  return (
    <List
      size="small"
      dataSource={sorted}
      locale={{ emptyText: t('checks.noFindings') }}
      renderItem={(r) => (
        <List.Item
          onClick={onSelect ? () => onSelect(r) : undefined}
          style={onSelect ? { cursor: 'pointer' } : undefined}
        >
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Space size={4} wrap>
              <SeverityTag severity={r.severity} />
              <Tag>{fieldLabel(r.field)}</Tag>
            </Space>
            <Typography.Text>{en ? r.messageEn : r.message}</Typography.Text>
            {r.excerpt && <Typography.Text type="secondary" code>{r.excerpt}</Typography.Text>}
            {r.suggestion && <Typography.Text type="success">{t('checks.suggestionLabel', { text: r.suggestion })}</Typography.Text>}
          </Space>
        </List.Item>
      )}
    />
  );
}
