import { useState } from 'react';
import { App, Button, Card, Descriptions, Empty, Flex, List, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { ConsultationForm } from './consultation-form';
import { feedbackApi, feedbackKeys, type NewConsultation, type Opinion } from './feedback-api';
import { SummaryEditor } from './summary-editor';

const STATUS_COLOR = { pending: 'gold', approved: 'green', rejected: 'default' } as const;

function Opinions({ items }: { items: readonly Opinion[] }) {
  const { t } = useI18n();
  if (items.length === 0) return <Typography.Text type="secondary">{t('consultation.noOpinions')}</Typography.Text>;
  return (
    <List
      size="small"
      dataSource={[...items]}
      renderItem={(o) => (
        <List.Item>
          <Flex vertical gap={2}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{o.body}</Typography.Text>
            <Typography.Text type="secondary">
              <Tag color={STATUS_COLOR[o.status]}>{t(`feedback.status.${o.status}`)}</Tag>
              {o.nickname} · {formatTime(o.submittedAt)}
              {o.contact && ` · ${o.contact}`}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** One consultation: the clauses with their opinions and counts, and the feedback summary editor. */
export function ConsultationPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const detail = useQuery({ queryKey: feedbackKeys.consultation(id), queryFn: () => feedbackApi.detail(id), enabled: Number.isSafeInteger(id) && id > 0 });
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const update = useMutation({
    // An empty draft text keeps the clauses (they are fixed anyway once an opinion has arrived).
    mutationFn: ({ draftText, ...rest }: NewConsultation) => feedbackApi.update(id, draftText ? { ...rest, draftText } : rest),
    onSuccess: () => {
      setEditing(false);
      void message.success(t('consultation.saved'));
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.consultation(id) });
    },
  });
  const d = detail.data;
  if (!d) return detail.isLoading ? null : <Empty />;
  const c = d.consultation;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{c.title}</Typography.Title>
        <Button onClick={() => setEditing(true)}>{t('consultations.edit')}</Button>
      </Flex>
      {editing && <ConsultationForm sites={[]} current={c} pending={update.isPending} onSubmit={(_site, input) => update.mutateAsync(input)} onClose={() => setEditing(false)} />}
      <Descriptions size="small" column={1} items={[
        { key: 'state', label: t('consultations.state'), children: t(`consultations.state.${c.state}`) },
        { key: 'period', label: t('consultations.period'), children: `${formatTime(c.opensAt)} — ${formatTime(c.closesAt)}` },
        { key: 'page', label: t('consultations.summary'), children: t('consultation.publicPage', { id: c.id }) },
      ]} />
      <Card title={t('consultation.clauses')} size="small">
        <Flex vertical gap={16}>
          {d.clauses.map((x) => (
            <section key={x.clauseNo} aria-label={x.heading}>
              <Typography.Title level={2} style={{ fontSize: 16 }}>{x.heading} <Typography.Text type="secondary">{t('consultation.received', { n: x.received, m: x.published })}</Typography.Text></Typography.Title>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{x.text}</Typography.Paragraph>
              <Opinions items={d.opinions.filter((o) => o.clauseNo === x.clauseNo)} />
            </section>
          ))}
          <section aria-label={t('consultation.overallOpinions')}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>{t('consultation.overallOpinions')} <Typography.Text type="secondary">{t('consultation.received', { n: d.overall.received, m: d.overall.published })}</Typography.Text></Typography.Title>
            <Opinions items={d.opinions.filter((o) => o.clauseNo === null)} />
          </section>
        </Flex>
      </Card>
      <SummaryEditor key={`${c.id}-${c.summaryPublishedAt ?? 0}`} detail={d} />
    </Flex>
  );
}
