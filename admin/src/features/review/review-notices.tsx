import { Alert, Space } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import { formatTime } from '../../app/format';
import type { ReviewView } from './review-api';

/** The facts a reviewer or author must see first: a rejection reason, a blocking check, a wait, a pending post-review, a withdrawal. */
export function ReviewNotices({ view }: { view: ReviewView }) {
  const { t } = useI18n();
  const notices: { key: string; type: 'error' | 'warning' | 'info'; text: string }[] = [];
  if (view.returned) notices.push({ key: 'returned', type: 'error', text: t('review.notice.returned', { by: view.returned.by, step: view.returned.stepName, reason: view.returned.reason ?? '' }) });
  if (view.checks.blocking && (view.edition.status === 'in_review' || view.edition.status === 'draft')) notices.push({ key: 'blocking', type: 'error', text: t('review.notice.blocking', { n: view.checks.counts.block }) });
  if (view.approveBlockedBy === 'own_work') notices.push({ key: 'own', type: 'warning', text: t('review.notice.ownWork') });
  if (view.links.waitingFor) notices.push({ key: 'waiting', type: 'info', text: t(`review.notice.waiting.${view.links.waitingFor}`) });
  if (view.fastTrack?.pending) notices.push({ key: 'fast', type: 'warning', text: t('review.notice.fastTrack', { by: view.fastTrack.by, at: formatTime(view.fastTrack.at), reason: view.fastTrack.reason ?? '' }) });
  if (view.document.status === 'withdrawn' && view.document.withdrawReason) notices.push({ key: 'withdrawn', type: 'info', text: t('review.notice.withdrawn', { reason: view.document.withdrawReason }) });
  if (notices.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {notices.map((n) => <Alert key={n.key} type={n.type} showIcon title={n.text} />)}
    </Space>
  );
}
