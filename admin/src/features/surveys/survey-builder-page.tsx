import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Drawer, Flex, Input, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { isApiError } from '../../app/api-client';
import { shanghaiWallTimeToMs, ZONE } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { draftOf, inputOf, newDraft, QuestionEditor, type DraftQuestion } from './question-editor';
import { SurveyPreview } from './survey-preview';
import { QUESTION_KINDS, surveysApi, surveysKeys, type SurveyInput, type SurveyWithQuestions } from './surveys-api';

const toDayjs = (ms: number | null) => (ms === null ? null : dayjs(ms).tz(ZONE));

/** The survey builder: title, description, times, and the questions of every kind, added, ordered and removed. */
export function SurveyBuilderPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const params = useParams();
  const [search] = useSearchParams();
  const surveyId = params.id ? Number(params.id) : null;
  const siteId = Number(search.get('site'));
  const existing = useQuery({ queryKey: surveysKeys.one(surveyId ?? 0), queryFn: () => surveysApi.get(surveyId ?? 0), enabled: surveyId !== null, select: (r) => r.survey });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [opensAt, setOpensAt] = useState<dayjs.Dayjs | null>(null);
  const [closesAt, setClosesAt] = useState<dayjs.Dayjs | null>(null);
  const [questions, setQuestions] = useState<DraftQuestion[]>([]);
  const [errors, setErrors] = useState<ReadonlyMap<string, string[]>>(new Map());
  const [preview, setPreview] = useState(false);
  const loaded = existing.data;
  useEffect(() => {
    if (!loaded) return;
    setTitle(loaded.title);
    setDescription(loaded.description);
    setOpensAt(toDayjs(loaded.opensAt));
    setClosesAt(toDayjs(loaded.closesAt));
    setQuestions(loaded.questions.map(draftOf));
  }, [loaded]);
  const locked = (loaded?.responseCount ?? 0) > 0;

  const input = (): SurveyInput => ({
    title, description, opensAt: opensAt ? shanghaiWallTimeToMs(opensAt) : null, closesAt: closesAt ? shanghaiWallTimeToMs(closesAt) : null,
    questions: questions.map(inputOf),
  });
  const save = useMutation({
    mutationFn: (): Promise<{ survey: SurveyWithQuestions }> => (loaded ? surveysApi.update(loaded.id, { ...input(), version: loaded.version }) : surveysApi.create(siteId, input())),
    onSuccess: ({ survey }) => {
      setErrors(new Map());
      void message.success(t('surveys.builder.saved'));
      void queryClient.invalidateQueries({ queryKey: surveysKeys.all });
      void navigate(`/surveys/${survey.id}/edit`, { replace: true });
    },
    onError: (e) => {
      const byField = new Map<string, string[]>();
      // `questions.2.options` belongs to question 2; `title`, `closesAt` to the survey.
      if (isApiError(e)) for (const f of e.fieldErrors) {
        const key = /^questions\.\d+/.exec(f.field)?.[0] ?? f.field;
        byField.set(key, [...(byField.get(key) ?? []), f.message]);
      }
      setErrors(byField);
      showProblem(e);
    },
  });

  const move = (i: number, delta: -1 | 1) => setQuestions((qs) => {
    const next = [...qs];
    const [item] = next.splice(i, 1);
    if (item) next.splice(i + delta, 0, item);
    return next;
  });

  if (surveyId !== null && existing.isLoading) return <Spin />;
  const surveyErrors = [...errors].filter(([k]) => !k.startsWith('questions.')).flatMap(([, v]) => v);
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t(loaded ? 'surveys.builder.editTitle' : 'surveys.builder.newTitle')}</Typography.Title>
        <Flex gap={8}>
          <Button onClick={() => void navigate(`/surveys?site=${loaded?.siteId ?? siteId}`)}>{t('surveys.builder.back')}</Button>
          <Button onClick={() => setPreview(true)}>{t('surveys.builder.preview')}</Button>
          <Button type="primary" loading={save.isPending} disabled={questions.length === 0} onClick={() => save.mutate()}>{t('surveys.builder.save')}</Button>
        </Flex>
      </Flex>
      {locked && <Alert type="warning" showIcon title={t('surveys.builder.locked')} />}
      {surveyErrors.length > 0 && <Alert type="error" showIcon role="alert" title={surveyErrors.join('；')} />}
      <Card size="small">
        <Flex vertical gap={12}>
          <label>{t('surveys.builder.surveyTitle')}<Input value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} /></label>
          <label>{t('surveys.builder.description')}<Input.TextArea rows={3} value={description} maxLength={5000} onChange={(e) => setDescription(e.target.value)} /></label>
          <Flex gap={16} wrap>
            <label>{t('surveys.builder.opensAt')}<br /><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={opensAt} onChange={setOpensAt} /></label>
            <label>{t('surveys.builder.closesAt')}<br /><DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={closesAt} onChange={setClosesAt} /></label>
          </Flex>
        </Flex>
      </Card>
      <Typography.Title level={2} style={{ fontSize: 18, margin: 0 }}>{t('surveys.builder.questions')}</Typography.Title>
      {questions.length === 0 && <Typography.Text type="secondary">{t('surveys.builder.noQuestions')}</Typography.Text>}
      {questions.map((d, i) => (
        <QuestionEditor key={d.key} draft={d} n={i + 1} count={questions.length} locked={locked} errors={errors.get(`questions.${i}`) ?? []}
          onChange={(next) => setQuestions((qs) => qs.map((x, k) => (k === i ? next : x)))}
          onMove={(delta) => move(i, delta)} onRemove={() => setQuestions((qs) => qs.filter((_, k) => k !== i))} />
      ))}
      {!locked && (
        <Flex gap={8} wrap>
          {QUESTION_KINDS.map((k) => (
            <Button key={k} onClick={() => setQuestions((qs) => [...qs, newDraft(k)])}>{t('surveys.builder.add', { kind: t(`surveys.builder.kind.${k}`) })}</Button>
          ))}
        </Flex>
      )}
      <Drawer title={t('surveys.builder.preview')} open={preview} size="large" onClose={() => setPreview(false)}>
        <SurveyPreview title={title} description={description} questions={questions.map(inputOf)} />
      </Drawer>
    </Flex>
  );
}
