import { useState } from 'react';
import { Alert, Card, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { AcknowledgeButton } from './acknowledge-button';
import { pageAlertsApi, pageAlertsKeys, type AlertAction, type AlertKind, type AlertStatus, type PageAlert } from './page-alerts-api';

const KIND_COLOR: Readonly<Record<AlertKind, string>> = { modified: 'red', missing: 'orange', added: 'volcano', manifest: 'magenta' };
const ACTION_COLOR: Readonly<Record<AlertAction, string>> = { restored: 'success', removed: 'success', blocked: 'warning', failed: 'error' };
const SITE_CODE = /^(\d{10}|bm\d{8})$/;

/** 网页防篡改告警: what the tamper guard found and did, until an administrator acknowledges it. */
export function PageAlertsPage() {
  const { t } = useI18n();
  const [status, setStatus] = useState<AlertStatus | undefined>('open');
  const [site, setSite] = useState('');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const siteFilter = SITE_CODE.test(site.trim()) ? site.trim() : undefined;
  const params = { ...(status ? { status } : {}), ...(siteFilter ? { site: siteFilter } : {}), page, pageSize };
  const alerts = useQuery({
    queryKey: [...pageAlertsKeys.lists, params],
    queryFn: () => pageAlertsApi.list(params),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });

  const columns: ColumnsType<PageAlert> = [
    { title: t('pageAlerts.createdAt'), key: 'createdAt', width: 170, render: (_, a) => formatTime(a.createdAt) },
    {
      title: t('pageAlerts.site'),
      key: 'site',
      render: (_, a) => (
        <span>
          {a.siteName || '—'} <Typography.Text type="secondary">{a.siteCode}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('pageAlerts.file'),
      key: 'file',
      render: (_, a) => (a.file ? <Typography.Text code>{a.file}</Typography.Text> : t('pageAlerts.manifestFile')),
    },
    { title: t('pageAlerts.kind'), key: 'kind', render: (_, a) => <Tag color={KIND_COLOR[a.kind]}>{t(`pageAlerts.kind.${a.kind}`)}</Tag> },
    { title: t('pageAlerts.detectedBy'), key: 'detectedBy', render: (_, a) => t(`pageAlerts.detectedBy.${a.detectedBy}`) },
    { title: t('pageAlerts.action'), key: 'action', render: (_, a) => <Tag color={ACTION_COLOR[a.action]}>{t(`pageAlerts.action.${a.action}`)}</Tag> },
    { title: t('pageAlerts.detail'), dataIndex: 'detail', key: 'detail', render: (d: string) => <Typography.Text type="secondary">{d}</Typography.Text> },
    {
      title: t('pageAlerts.status'),
      key: 'status',
      render: (_, a) => (a.acknowledgedAt === null
        ? <AcknowledgeButton alert={a} />
        : <span title={a.ackNote ?? undefined}>{t('pageAlerts.status.acknowledged')} {formatTime(a.acknowledgedAt)}</span>),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('pageAlerts.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('pageAlerts.intro')} />
      <Card size="small">
        <Flex gap={12} wrap>
          <Select
            aria-label={t('pageAlerts.status')}
            allowClear
            placeholder={t('pageAlerts.allStatuses')}
            style={{ width: 180 }}
            value={status}
            onChange={(v: AlertStatus | undefined) => {
              setStatus(v);
              setPage(1);
            }}
            options={(['open', 'acknowledged'] as const).map((s) => ({ value: s, label: t(`pageAlerts.status.${s}`) }))}
          />
          <Input
            aria-label={t('pageAlerts.siteCode')}
            placeholder={t('pageAlerts.siteCode')}
            allowClear
            style={{ width: 260 }}
            value={site}
            onChange={(e) => {
              setSite(e.target.value);
              setPage(1);
            }}
          />
        </Flex>
      </Card>
      <Table<PageAlert>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={alerts.data?.items ?? []}
        loading={alerts.isFetching && !alerts.data}
        locale={{ emptyText: t('pageAlerts.none') }}
        pagination={{
          current: page,
          pageSize,
          total: alerts.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
        }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}
