import { useState } from 'react';
import { App, Button, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { ConsultationForm } from './consultation-form';
import { feedbackApi, feedbackKeys, type Consultation, type NewConsultation } from './feedback-api';

const STATE_COLOR = { upcoming: 'default', open: 'processing', closed: 'success' } as const;

/** 征求意见: the consultations of the sites in scope, and opening a new one. */
export function ConsultationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: feedbackKeys.consultations, queryFn: () => feedbackApi.consultations() });
  const siteName = new Map((list.data?.sites ?? []).map((s) => [s.id, s.name]));
  const create = useMutation({
    mutationFn: ({ siteId, input }: { siteId: number; input: NewConsultation }) => feedbackApi.create(siteId, input),
    onSuccess: (r) => {
      setCreating(false);
      void message.success(t('consultations.created'));
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.consultations });
      void navigate(`/interaction/consultations/${r.consultation.id}`);
    },
  });

  const columns: ColumnsType<Consultation> = [
    { title: t('consultations.form.title'), key: 'title', render: (_, c) => <a onClick={() => void navigate(`/interaction/consultations/${c.id}`)}>{c.title}</a> },
    { title: t('feedback.site'), key: 'site', render: (_, c) => siteName.get(c.siteId) ?? c.siteId },
    { title: t('consultations.period'), key: 'period', render: (_, c) => `${formatTime(c.opensAt)} — ${formatTime(c.closesAt)}` },
    { title: t('consultations.state'), key: 'state', render: (_, c) => <Tag color={STATE_COLOR[c.state]}>{t(`consultations.state.${c.state}`)}</Tag> },
    { title: t('consultations.summary'), key: 'summary', render: (_, c) => (c.summaryPublishedAt === null ? t('consultations.summaryNotPublished') : t('consultations.summaryPublished')) },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('consultations.title')}
        </Typography.Title>
        <Button type="primary" disabled={(list.data?.sites.length ?? 0) === 0} onClick={() => setCreating(true)}>
          {t('consultations.new')}
        </Button>
      </Flex>
      <Table<Consultation>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching && !list.data}
        locale={{ emptyText: t('consultations.none') }}
      />
      {creating && (
        <ConsultationForm
          sites={list.data?.sites ?? []}
          pending={create.isPending}
          onSubmit={(siteId, input) => create.mutateAsync({ siteId, input })}
          onClose={() => setCreating(false)}
        />
      )}
    </Flex>
  );
}
