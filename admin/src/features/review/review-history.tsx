import { Empty, Timeline, Typography } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import { formatTime } from '../../app/format';
import type { HistoryEntry, ReviewActionKind } from './review-api';

const COLOR: Readonly<Record<ReviewActionKind, string>> = {
  submit: 'blue', approve: 'green', reject: 'red', fast_track: 'red', post_review: 'green', withdraw: 'gray', schedule: 'blue', publish: 'green', unpublish: 'gray',
};

/** Every review action on every edition, newest first: who, which step, why. */
export function ReviewHistory({ history }: { history: readonly HistoryEntry[] }) {
  const { t } = useI18n();
  if (history.length === 0) return <Empty description={t('review.history.empty')} />;
  return (
    <Timeline
      items={history.map((h) => ({
        key: h.id,
        color: COLOR[h.action],
        title: formatTime(h.at),
        content: (
          <>
            <Typography.Text strong>{t(`review.action.${h.action}`)}</Typography.Text>
            {' · '}{h.stepName}{' · '}{h.actorName}{' · '}{t('documents.edition', { n: h.editionNumber })}
            {h.reason && <div><Typography.Text type={h.action === 'reject' ? 'danger' : 'secondary'}>{h.reason}</Typography.Text></div>}
          </>
        ),
      }))}
    />
  );
}
