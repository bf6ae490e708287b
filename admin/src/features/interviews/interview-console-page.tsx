import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, List, Row, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { useEventStream } from '../../app/use-event-stream';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { InterviewFormModal } from './interview-form-modal';
import { CONSOLE_REFRESH_MS, interviewsApi, interviewsKeys, type InterviewInput } from './interviews-api';
import { STATUS_COLOR } from './interviews-page';
import { PostEntryForm } from './post-entry-form';
import { QuestionsPanel } from './questions-panel';

const NEXT_ACTION = { scheduled: 'start', live: 'end', ended: 'archive', archived: null } as const;

/** 访谈控制台: status, the question queue (re-read every 3 s), the typist's form and the transcript. */
export function InterviewConsolePage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const [editing, setEditing] = useState(false);
  const [entryForm] = Form.useForm();
  const one = useQuery({ queryKey: interviewsKeys.one(id), queryFn: () => interviewsApi.one(id), refetchInterval: CONSOLE_REFRESH_MS });
  // The server says when a question comes in or is decided; the queue is polled only while that stream is down.
  const notified = useEventStream(`/api/v1/interviews/${id}/question-events`, 'questions', () => void queryClient.invalidateQueries({ queryKey: interviewsKeys.questions(id) }));
  const questions = useQuery({ queryKey: interviewsKeys.questions(id), queryFn: () => interviewsApi.questions(id), refetchInterval: notified ? false : CONSOLE_REFRESH_MS });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: interviewsKeys.all });
  const status = useMutation({
    mutationFn: (action: 'start' | 'end' | 'archive') => interviewsApi.status(id, action),
    onSuccess: () => { void message.success(t('interviews.saved')); refresh(); },
    onError: (e) => showProblem(e),
  });
  const update = useMutation({
    mutationFn: (input: InterviewInput) => interviewsApi.update(id, input),
    onSuccess: () => { setEditing(false); void message.success(t('interviews.saved')); refresh(); },
  });
  const iv = one.data?.interview;
  if (!iv) return <Card loading={one.isLoading} />;
  const next = NEXT_ACTION[iv.status];
  const moderator = can('interaction.interviews.manage');
  const all = questions.data?.items ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{iv.title} <Tag color={STATUS_COLOR[iv.status]}>{t(`interviews.status.${iv.status}`)}</Tag></Typography.Title>
        <Space>
          <Button href={`/interview.html?id=${iv.id}`} target="_blank">{t('interviews.publicPage')}</Button>
          {moderator && (iv.status === 'scheduled' || iv.status === 'live') && <Button onClick={() => setEditing(true)}>{t('interviews.edit')}</Button>}
          {moderator && next && <Button type="primary" danger={next === 'end'} loading={status.isPending} onClick={() => status.mutate(next)}>{t(`interviews.action.${next}`)}</Button>}
        </Space>
      </Flex>
      <Descriptions size="small" bordered column={1} items={[
        { key: 'time', label: t('interviews.field.time'), children: `${formatTime(iv.scheduledStart)} — ${formatTime(iv.scheduledEnd)}` },
        { key: 'guests', label: t('interviews.field.guests'), children: iv.guests.map((g) => [g.org, g.title, g.name].filter(Boolean).join(' ')).join('；') },
      ]} />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <QuestionsPanel interviewId={id} questions={all} canModerate={moderator} canAnswer={iv.status === 'live'}
            onAnswer={(q) => entryForm.setFieldsValue({ kind: 'answer', questionId: q.id })} />
        </Col>
        <Col xs={24} lg={14}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {iv.status === 'live'
              ? <PostEntryForm interviewId={id} guests={iv.guests} approved={all.filter((q) => q.status === 'approved')} form={entryForm} />
              : <Alert type="info" showIcon title={t('interviews.notLive')} />}
            <Card size="small" title={t('interviews.transcript')}>
              <List size="small" dataSource={[...(one.data?.entries ?? [])].reverse()} renderItem={(e) => (
                <List.Item>
                  <List.Item.Meta
                    title={e.question ? `${e.question.nickname || '网友'}：${e.question.body}` : e.speaker || undefined}
                    description={`${e.question ? `${e.speaker}：` : ''}${e.body} · ${formatTime(e.at)}`} />
                </List.Item>
              )} />
            </Card>
          </Space>
        </Col>
      </Row>
      {editing && <InterviewFormModal interview={iv} pending={update.isPending} onClose={() => setEditing(false)} onSubmit={(_, input) => update.mutateAsync(input)} />}
    </Flex>
  );
}
