import { useState } from 'react';
import { Alert, Flex, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { errorReportKeys, errorReportsApi, type ErrorReport } from './error-reports-api';
import { ReportActionButton } from './report-action-button';
import { DUE_HEX } from '../../app/due-colours';
import { useReportColumns } from './report-columns';

/** A work list: the operator's (to forward or dismiss) or the owner's (to fix or dispute), earliest deadline first. */
function ReportWorkList({ box }: { box: 'triage' | 'owner' }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const params = { box, page, pageSize };
  const list = useQuery({ queryKey: [...errorReportKeys.all, 'list', params], queryFn: () => errorReportsApi.list(params), placeholderData: keepPreviousData, refetchInterval: 30_000 });
  const columns = [
    ...useReportColumns(),
    {
      title: '', key: 'actions', width: 220,
      render: (_: unknown, r: ErrorReport) => (
        <Space wrap>
          {box === 'triage' ? <><ReportActionButton report={r} kind="forward" primary /><ReportActionButton report={r} kind="dismiss" /></>
            : <><ReportActionButton report={r} kind="fix" primary /><ReportActionButton report={r} kind="dispute" /></>}
        </Space>
      ),
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t(box === 'triage' ? 'errorReports.triageTitle' : 'errorReports.ownerTitle')}</Typography.Title>
      <Alert type="info" showIcon title={t(box === 'triage' ? 'errorReports.triageIntro' : 'errorReports.ownerIntro')} />
      <Table<ErrorReport>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        locale={{ emptyText: t('errorReports.none') }}
        onRow={(r) => ({ style: r.dueState === 'normal' ? {} : { boxShadow: `inset 4px 0 0 ${DUE_HEX[r.dueState]}` } })}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: (p, s) => { setPage(p); setPageSize(s); } }}
      />
    </Flex>
  );
}

export function TriagePage() {
  return <ReportWorkList box="triage" />;
}

export function OwnerPage() {
  return <ReportWorkList box="owner" />;
}
