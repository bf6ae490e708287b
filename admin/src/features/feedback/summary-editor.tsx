import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { feedbackApi, feedbackKeys, type Adoption, type ConsultationDetail } from './feedback-api';

const ADOPTIONS: readonly Adoption[] = ['', 'adopted', 'partly', 'not_adopted'];

/** 采纳情况及理由: per clause and overall, written after closing, public once published. */
export function SummaryEditor({ detail }: { detail: ConsultationDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const c = detail.consultation;
  const [overall, setOverall] = useState(c.summaryText);
  const [clauses, setClauses] = useState(() => detail.clauses.map((x) => ({ clauseNo: x.clauseNo, adoption: x.adoption, feedback: x.feedback })));
  const refresh = () => void queryClient.invalidateQueries({ queryKey: feedbackKeys.consultation(c.id) });
  const save = useMutation({
    mutationFn: () => feedbackApi.saveSummary(c.id, { overall, clauses }),
    onSuccess: () => { void message.success(t('consultation.saved')); refresh(); },
    onError: (e) => showProblem(e),
  });
  const publish = useMutation({
    mutationFn: async () => { await feedbackApi.saveSummary(c.id, { overall, clauses }); return feedbackApi.publishSummary(c.id); },
    onSuccess: () => { void message.success(t('consultation.published')); refresh(); },
    onError: (e) => showProblem(e),
  });
  const closed = c.state === 'closed';
  const set = (i: number, patch: Partial<{ adoption: Adoption; feedback: string }>) => setClauses((all) => all.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  return (
    <Card title={t('consultation.summaryEditor')} size="small">
      <Flex vertical gap={12}>
        <Alert type={closed ? 'info' : 'warning'} showIcon title={t('consultation.summaryHint')} />
        {detail.clauses.map((x, i) => (
          <Flex key={x.clauseNo} gap={8} align="start" wrap>
            <Typography.Text strong style={{ width: 80 }}>{x.heading}</Typography.Text>
            <Typography.Text type="secondary" style={{ width: 140 }}>{t('consultation.received', { n: x.received, m: x.published })}</Typography.Text>
            <Select
              aria-label={`${x.heading} ${t('consultation.adoption')}`}
              style={{ width: 140 }}
              disabled={!closed}
              value={clauses[i]?.adoption ?? ''}
              onChange={(v: Adoption) => set(i, { adoption: v })}
              options={ADOPTIONS.map((a) => ({ value: a, label: t(a === '' ? 'consultation.adoption.none' : `consultation.adoption.${a}`) }))}
            />
            <Input
              aria-label={`${x.heading} ${t('consultation.feedback')}`}
              placeholder={t('consultation.feedback')}
              style={{ flex: 1, minWidth: 240 }}
              disabled={!closed}
              maxLength={5000}
              value={clauses[i]?.feedback ?? ''}
              onChange={(e) => set(i, { feedback: e.target.value })}
            />
          </Flex>
        ))}
        <Input.TextArea aria-label={t('consultation.overallText')} placeholder={t('consultation.overallText')} rows={4} maxLength={10_000} disabled={!closed} value={overall} onChange={(e) => setOverall(e.target.value)} />
        <Space>
          <Button disabled={!closed} loading={save.isPending} onClick={() => save.mutate()}>{t('consultation.saveSummary')}</Button>
          <Button type="primary" disabled={!closed} loading={publish.isPending} onClick={() => publish.mutate()}>{t('consultation.publishSummary')}</Button>
          {c.summaryPublishedAt !== null && <Typography.Text type="success">{t('consultations.summaryPublished')}</Typography.Text>}
        </Space>
      </Flex>
    </Card>
  );
}
