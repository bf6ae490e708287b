import { Alert, App, Button, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { useSiteOptions } from '../columns/columns-api';
import { surveysApi, surveysKeys, type Survey, type SurveyPhase, type SurveyStatus } from './surveys-api';

const PHASE_COLOR: Readonly<Record<SurveyPhase, string>> = { draft: 'default', upcoming: 'blue', open: 'green', ended: 'orange' };

/** The surveys of one site: status, responses, and the way to the builder and the results. */
export function SurveysPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const siteId = params.get('site') ? Number(params.get('site')) : null;
  const sites = useSiteOptions();
  const list = useQuery({ queryKey: surveysKeys.list(siteId ?? 0), queryFn: () => surveysApi.list(siteId ?? 0), enabled: siteId !== null, select: (r) => r.items });
  const state = useMutation({
    mutationFn: ({ id, status }: { id: number; status: SurveyStatus }) => surveysApi.setState(id, { status }),
    onSuccess: ({ survey }) => {
      void message.success(`${survey.title}：${t(`surveys.phase.${survey.phase}`)}`);
      void queryClient.invalidateQueries({ queryKey: surveysKeys.all });
    },
    onError: (e) => showProblem(e),
  });

  const columns: ColumnsType<Survey> = [
    { title: t('surveys.col.title'), dataIndex: 'title', key: 'title' },
    { title: t('surveys.col.phase'), key: 'phase', render: (_, s) => <Tag color={PHASE_COLOR[s.phase]}>{t(`surveys.phase.${s.phase}`)}</Tag> },
    { title: t('surveys.col.responses'), dataIndex: 'responseCount', key: 'responses' },
    { title: t('surveys.col.opensAt'), key: 'opensAt', render: (_, s) => formatTime(s.opensAt) },
    { title: t('surveys.col.closesAt'), key: 'closesAt', render: (_, s) => formatTime(s.closesAt) },
    { title: t('surveys.col.resultsPublic'), key: 'resultsPublic', render: (_, s) => t(s.resultsPublic ? 'surveys.yes' : 'surveys.no') },
    {
      title: t('surveys.col.actions'), key: 'actions',
      render: (_, s) => (
        <Flex gap={4} wrap>
          <Button size="small" type="link" onClick={() => void navigate(`/surveys/${s.id}/edit`)}>{t('surveys.edit')}</Button>
          <Button size="small" type="link" onClick={() => void navigate(`/surveys/${s.id}/results`)}>{t('surveys.results')}</Button>
          {s.status !== 'open' && <Button size="small" type="link" onClick={() => state.mutate({ id: s.id, status: 'open' })}>{t(s.status === 'draft' ? 'surveys.open' : 'surveys.reopen')}</Button>}
          {s.status === 'open' && <Button size="small" type="link" danger onClick={() => state.mutate({ id: s.id, status: 'closed' })}>{t('surveys.close')}</Button>}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('surveys.title')}</Typography.Title>
        <Flex gap={8} align="center" wrap>
          <Select
            aria-label={t('surveys.site')} style={{ minWidth: 280 }} placeholder={t('surveys.sitePlaceholder')} loading={sites.isLoading}
            showSearch optionFilterProp="label" value={siteId ?? undefined}
            onChange={(v: number) => setParams({ site: String(v) })}
            options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
          />
          <Button type="primary" icon={<PlusOutlined aria-hidden />} disabled={siteId === null} onClick={() => void navigate(`/surveys/new?site=${siteId ?? ''}`)}>{t('surveys.create')}</Button>
        </Flex>
      </Flex>
      <Alert type="info" showIcon title={t('surveys.intro')} />
      {siteId !== null && (
        <Table rowKey="id" size="middle" loading={list.isLoading} columns={columns} dataSource={list.data ?? []} pagination={false} locale={{ emptyText: t('surveys.empty') }} />
      )}
    </Flex>
  );
}
