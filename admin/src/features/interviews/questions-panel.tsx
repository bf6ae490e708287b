import { App, Button, Card, Empty, List, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { interviewsApi, interviewsKeys, type Question } from './interviews-api';

/** The moderator's queue (approve / reject) and the approved questions waiting for an answer. */
export function QuestionsPanel({ interviewId, questions, canModerate, canAnswer, onAnswer }: {
  interviewId: number;
  questions: Question[];
  canModerate: boolean;
  canAnswer: boolean;
  onAnswer: (q: Question) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: 'approve' | 'reject' }) => interviewsApi.decide(id, decision),
    onSuccess: () => {
      void message.success(t('interviews.saved'));
      void queryClient.invalidateQueries({ queryKey: interviewsKeys.questions(interviewId) });
    },
    onError: (e) => showProblem(e),
  });
  const section = (title: string, items: Question[], actions: (q: Question) => React.ReactNode[]) => (
    <Card size="small" title={`${title}（${items.length}）`}>
      {items.length === 0 ? <Empty description={t('interviews.questions.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (
        <List size="small" dataSource={items} renderItem={(q) => (
          <List.Item actions={actions(q)}>
            <List.Item.Meta title={<Typography.Text>{q.body}</Typography.Text>} description={`${q.nickname || '网友'} · ${formatTime(q.submittedAt)}`} />
          </List.Item>
        )} />
      )}
    </Card>
  );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {section(t('interviews.questions.pending'), questions.filter((q) => q.status === 'pending'), (q) => canModerate ? [
        <Button key="a" size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate({ id: q.id, decision: 'approve' })}>{t('interviews.approve')}</Button>,
        <Button key="r" size="small" danger loading={decide.isPending} onClick={() => decide.mutate({ id: q.id, decision: 'reject' })}>{t('interviews.reject')}</Button>,
      ] : [])}
      {section(t('interviews.questions.approved'), questions.filter((q) => q.status === 'approved'), (q) => canAnswer ? [
        <Button key="ans" size="small" onClick={() => onAnswer(q)}>{t('interviews.answerThis')}</Button>,
      ] : [])}
    </Space>
  );
}
