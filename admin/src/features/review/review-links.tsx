import { Descriptions, Tag } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { EditionStatusTag } from '../documents/status-tags';
import type { LinkedDocument, ReviewView } from './review-api';

function DocLink({ d }: { d: LinkedDocument }) {
  const { t } = useI18n();
  return <span><Link to={`/review/${d.id}`}>{d.title ?? t('review.links.hidden', { id: d.id })}</Link> <EditionStatusTag status={d.status} /></span>;
}

/** 政策解读关联: a major policy and its interpretations point at each other. */
export function ReviewLinks({ view }: { view: ReviewView }) {
  const { t } = useI18n();
  const { links, document } = view;
  const items = [
    ...(document.kind === 'policy' ? [{ key: 'major', label: t('review.links.major'), children: links.isMajor ? <Tag color="red">{t('review.links.majorYes')}</Tag> : t('common.no') }] : []),
    ...(document.kind === 'policy' ? [{
      key: 'interpretations', label: t('review.links.interpretations'),
      children: links.interpretations.length === 0 ? '—' : links.interpretations.map((d) => <div key={d.id}><DocLink d={d} /></div>),
    }] : []),
    ...(document.kind === 'interpretation' ? [{ key: 'interprets', label: t('review.links.interprets'), children: links.interprets ? <DocLink d={links.interprets} /> : '—' }] : []),
  ];
  if (items.length === 0) return null;
  return <Descriptions size="small" bordered column={1} items={items} />;
}
