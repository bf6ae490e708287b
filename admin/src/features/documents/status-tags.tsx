import { Tag } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { DocumentStatus, EditionStatus } from './documents-api';

// Dark text on light backgrounds keeps WCAG AA contrast (antd's preset green tag does not).
const STYLE: Readonly<Record<EditionStatus, { background: string; color: string }>> = {
  draft: { background: '#f0f0f0', color: '#262626' },
  rejected: { background: '#fff1f0', color: '#a8071a' },
  in_review: { background: '#e6f4ff', color: '#003eb3' },
  approved: { background: '#f0f5ff', color: '#10239e' },
  scheduled: { background: '#f9f0ff', color: '#391085' },
  published: { background: '#f6ffed', color: '#135200' },
  superseded: { background: '#fafafa', color: '#595959' },
  withdrawn: { background: '#fff7e6', color: '#873800' },
};

export function EditionStatusTag({ status }: { status: EditionStatus | DocumentStatus }) {
  const { t } = useI18n();
  return <Tag style={{ ...STYLE[status], border: 'none' }}>{t(`documents.statusLabel.${status}`)}</Tag>;
}
