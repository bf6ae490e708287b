import { useState } from 'react';
import { App, Button, Card, Flex, Spin, Switch, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { SurveyChart } from './survey-chart';
import { surveysApi, surveysKeys, type QuestionResult } from './surveys-api';

const PAGE_SIZE = 10;

function TextAnswers({ surveyId, questionId }: { surveyId: number; questionId: number }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: surveysKeys.texts(surveyId, questionId, page), queryFn: () => surveysApi.texts(surveyId, questionId, page, PAGE_SIZE), placeholderData: keepPreviousData });
  return (
    <Table
      size="small" rowKey={(_, i) => `${page}-${i ?? 0}`} loading={q.isLoading} dataSource={q.data?.items ?? []}
      columns={[
        { title: t('surveys.results.submittedAt'), key: 'at', width: 180, render: (_, r) => formatTime(r.submittedAt) },
        { title: t('surveys.results.answer'), dataIndex: 'text', key: 'text', render: (text: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span> },
      ]}
      pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
    />
  );
}

/** The figures of a question as a table: what the chart shows, readable without it. */
function Figures({ r }: { r: QuestionResult }) {
  const { t } = useI18n();
  if (r.kind === 'matrix') {
    return (
      <Table size="small" rowKey="row" pagination={false} dataSource={r.matrix}
        columns={[{ title: t('surveys.results.item'), dataIndex: 'row', key: 'row' }, ...r.columns.map((c, i) => ({ title: c, key: `c${i}`, render: (_: unknown, m: { counts: number[] }) => m.counts[i] ?? 0 }))]} />
    );
  }
  return (
    <Table size="small" rowKey="label" pagination={false} dataSource={r.counts}
      columns={[{ title: t('surveys.results.item'), dataIndex: 'label', key: 'label' }, { title: t('surveys.results.count'), dataIndex: 'count', key: 'count' }]} />
  );
}

/** 调查结果: a chart and a table per question, text answers paged, the CSV, and publishing the results on the site. */
export function SurveyResultsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const id = Number(useParams().id);
  const results = useQuery({ queryKey: surveysKeys.results(id), queryFn: () => surveysApi.results(id) });
  const publish = useMutation({
    mutationFn: (resultsPublic: boolean) => surveysApi.setState(id, { resultsPublic }),
    onSuccess: ({ survey }) => {
      void message.success(t(survey.resultsPublic ? 'surveys.results.public' : 'surveys.results.private'));
      void queryClient.invalidateQueries({ queryKey: surveysKeys.all });
    },
    onError: (e) => showProblem(e),
  });
  if (results.isLoading || !results.data) return <Spin />;
  const { survey, responses, questions } = results.data;
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('surveys.results.title', { title: survey.title })}</Typography.Title>
        <Flex gap={8} align="center" wrap>
          <Button onClick={() => void navigate(`/surveys?site=${survey.siteId}`)}>{t('surveys.builder.back')}</Button>
          <Button icon={<DownloadOutlined aria-hidden />} href={surveysApi.csvUrl(id)} download>{t('surveys.results.csv')}</Button>
          <label>
            <Switch checked={survey.resultsPublic} loading={publish.isPending} onChange={(v) => publish.mutate(v)} />{' '}
            {t(survey.resultsPublic ? 'surveys.results.public' : 'surveys.results.private')}
          </label>
        </Flex>
      </Flex>
      <Typography.Text>{t('surveys.results.responses', { n: responses })}</Typography.Text>
      {questions.map((r, i) => (
        <Card key={r.questionId} size="small" title={`${i + 1}. ${r.title}`} extra={t('surveys.results.answered', { n: r.answered })}>
          {r.average !== null && <Typography.Paragraph>{t('surveys.results.average', { n: r.average })}</Typography.Paragraph>}
          {r.kind === 'text' ? <TextAnswers surveyId={id} questionId={r.questionId} /> : (
            <Flex vertical gap={8}>
              <SurveyChart result={r} />
              <Figures r={r} />
            </Flex>
          )}
        </Card>
      ))}
    </Flex>
  );
}
