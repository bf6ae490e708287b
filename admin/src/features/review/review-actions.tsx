import { useState } from 'react';
import { App, Button, Space } from 'antd';
import { CheckOutlined, ClockCircleOutlined, RollbackOutlined, SendOutlined, StopOutlined, ThunderboltOutlined, AuditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { problemText } from '../../app/problems';
import { documentKeys } from '../documents/documents-api';
import { reviewApi, reviewKeys, type ReviewView } from './review-api';
import { ReasonModal, type ReasonValues } from './reason-modal';
import { ScheduleModal } from './schedule-modal';

type Dialog = 'approve' | 'reject' | 'withdraw' | 'fastTrack' | 'postReview' | 'schedule' | null;

/** What the reader may do with this document now; each action opens its dialog and reports the server's answer. */
export function ReviewActions({ view }: { view: ReviewView }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const id = view.document.id;
  const step = view.currentStep ?? 0;
  const current = view.chain.find((s) => s.index === step);

  const action = useMutation({
    mutationFn: (run: () => Promise<unknown>) => run(),
    onSuccess: () => {
      setDialog(null);
      setError(null);
      void message.success(t('review.done'));
      void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
      void queryClient.invalidateQueries({ queryKey: documentKeys.detail(id) });
    },
    onError: (e) => {
      const text = problemText(e, t('common.error'));
      if (dialog === null) void message.error(text);
      else setError(text);
    },
  });
  const run = (fn: () => Promise<unknown>) => action.mutateAsync(fn);
  const open = (d: Dialog) => { setError(null); setDialog(d); };
  const close = () => { setDialog(null); setError(null); };
  const reasonDialog = (d: Exclude<Dialog, 'schedule' | null>, submit: (v: ReasonValues) => Promise<unknown>, opts: { title: string; label: string; ok: string; required: boolean; danger?: boolean; warning?: string; withShowPublicly?: boolean; withRedirect?: boolean }) =>
    dialog === d && (
      <ReasonModal
        title={opts.title} label={opts.label} okText={opts.ok} required={opts.required} pending={action.isPending} error={error} onClose={close} onSubmit={submit}
        {...(opts.danger ? { danger: true } : {})} {...(opts.warning ? { warning: opts.warning } : {})} {...(opts.withShowPublicly ? { withShowPublicly: true } : {})} {...(opts.withRedirect ? { withRedirect: true } : {})}
      />
    );
  const { can } = view;
  const approveLabel = current?.isSecrecy ? t('review.approveSecrecy') : t('review.approveStep', { step: current?.name ?? '' });

  return (
    <>
      <Space wrap>
        {can.submit && (
          <Button type="primary" icon={<SendOutlined aria-hidden />} loading={action.isPending} onClick={() => { void run(() => reviewApi.submit(id)).catch(() => undefined); }}>
            {t('review.submit')}
          </Button>
        )}
        {(can.approve || view.approveBlockedBy === 'own_work') && (
          <Button type="primary" icon={<CheckOutlined aria-hidden />} onClick={() => open('approve')}>{approveLabel}</Button>
        )}
        {can.reject && <Button danger icon={<RollbackOutlined aria-hidden />} onClick={() => open('reject')}>{t('review.reject')}</Button>}
        {can.postReview && <Button icon={<AuditOutlined aria-hidden />} onClick={() => open('postReview')}>{t('review.postReview.action')}</Button>}
        {can.schedule && <Button icon={<ClockCircleOutlined aria-hidden />} onClick={() => open('schedule')}>{t('review.schedule.action')}</Button>}
        {can.fastTrack && <Button danger icon={<ThunderboltOutlined aria-hidden />} onClick={() => open('fastTrack')}>{t('review.fastTrack.action')}</Button>}
        {can.withdraw && <Button danger icon={<StopOutlined aria-hidden />} onClick={() => open('withdraw')}>{t('review.withdraw.action')}</Button>}
      </Space>
      {reasonDialog('approve', (v) => run(() => reviewApi.approve(id, { step, editionId: view.edition.id, ...(v.reason.trim() ? { comment: v.reason } : {}) })),
        { title: approveLabel, label: t('review.comment'), ok: t('review.approve'), required: false, ...(view.checks.blocking ? { warning: t('review.blockedWarning') } : {}) })}
      {reasonDialog('reject', (v) => run(() => reviewApi.reject(id, { step, editionId: view.edition.id, reason: v.reason })),
        { title: t('review.reject'), label: t('review.rejectReason'), ok: t('review.reject'), required: true, danger: true })}
      {reasonDialog('postReview', (v) => run(() => reviewApi.postReview(id, v.reason.trim() ? { note: v.reason } : {})),
        { title: t('review.postReview.action'), label: t('review.comment'), ok: t('review.postReview.action'), required: false })}
      {reasonDialog('fastTrack', (v) => run(() => reviewApi.fastTrack(id, { reason: v.reason })),
        { title: t('review.fastTrack.action'), label: t('review.fastTrack.reason'), ok: t('review.fastTrack.action'), required: true, danger: true, warning: t('review.fastTrack.warning') })}
      {reasonDialog('withdraw', (v) => run(() => reviewApi.withdraw(id, { reason: v.reason, showPublicly: v.showPublicly, ...(v.redirectTo ? { redirectTo: v.redirectTo } : {}) })),
        { title: t('review.withdraw.action'), label: t('review.withdraw.reason'), ok: t('review.withdraw.action'), required: true, danger: true, withShowPublicly: true, withRedirect: true })}
      {dialog === 'schedule' && (
        <ScheduleModal
          publishAt={view.edition.scheduledPublishAt} unpublishAt={view.edition.scheduledUnpublishAt} published={view.edition.status === 'published'}
          pending={action.isPending} error={error} onClose={close} onSubmit={(input) => run(() => reviewApi.schedule(id, input))}
        />
      )}
    </>
  );
}
