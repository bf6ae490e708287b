import { useMemo, useState } from 'react';
import { Alert, Card, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { type LetterFigures, useLetterStatistics } from './letter-statistics-api';
import { RefreshCard } from './refresh-card';
import { StatisticsChart } from './statistics-chart';

const pct = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)}%`);

/** 信件统计: the public figures of a site or a region in scope, as a chart and tables, and the refresh. */
export function LetterStatisticsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const stats = useLetterStatistics();
  const [chosen, setChosen] = useState<string | null>(null);
  const data = stats.data;

  const options = useMemo(() => (data ? [
    { label: t('letterStats.regions'), options: data.regions.map((r) => ({ value: `region:${r.orgId}`, label: t('letterStats.regionOf', { name: r.name }) })) },
    { label: t('letterStats.sites'), options: data.sites.map((s) => ({ value: `site:${s.siteId}`, label: s.name })) },
  ].filter((g) => g.options.length > 0) : []), [data, t]);
  const key = chosen ?? options[0]?.options[0]?.value ?? null;
  const region = data?.regions.find((r) => `region:${r.orgId}` === key);
  const site = data?.sites.find((s) => `site:${s.siteId}` === key);
  const view = region?.statistics ?? site?.statistics;
  const name = region ? t('letterStats.regionOf', { name: region.name }) : site?.name ?? '';

  const figureColumns: ColumnsType<LetterFigures> = [
    { title: t('letterStats.period'), dataIndex: 'label', key: 'label' },
    { title: t('letterStats.received'), dataIndex: 'received', key: 'received', align: 'right' },
    { title: t('letterStats.accepted'), dataIndex: 'accepted', key: 'accepted', align: 'right' },
    { title: t('letterStats.closed'), dataIndex: 'closed', key: 'closed', align: 'right' },
    { title: t('letterStats.onTimeRate'), key: 'onTimeRate', align: 'right', render: (_, f) => pct(f.onTimeRate) },
    { title: t('letterStats.averageDays'), key: 'averageWorkingDays', align: 'right', render: (_, f) => (f.averageWorkingDays === null ? '—' : f.averageWorkingDays.toFixed(1)) },
    { title: t('letterStats.satisfaction'), key: 'satisfactionRate', align: 'right', render: (_, f) => pct(f.satisfactionRate) },
  ];
  const regionSites = region && data ? data.sites.filter((s) => region.siteIds.includes(s.siteId)).map((s) => ({ ...s.statistics.thisYear, label: s.name, key: s.siteId })) : [];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('letterStats.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('letterStats.intro')}</Typography.Paragraph>
      {stats.isError && <Alert type="error" showIcon title={t('letterStats.loadFailed')} />}
      <Card>
        <RefreshCard computedAt={data?.computedAt ?? null} canRefresh={can('interaction.statistics.refresh')} />
      </Card>
      {data && options.length === 0 && <Alert type="info" showIcon title={t('letterStats.nothingInScope')} />}
      {data && view && (
        <Card
          title={name}
          extra={
            <Select
              aria-label={t('letterStats.scope')}
              style={{ minWidth: 280 }}
              showSearch={{ optionFilterProp: 'label' }}
              value={key}
              options={options}
              onChange={(v: string) => setChosen(v)}
            />
          }
        >
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Table<LetterFigures> size="small" rowKey="period" pagination={false} columns={figureColumns} dataSource={[view.thisMonth, view.thisYear]}
              title={() => t('letterStats.summary')} />
            <StatisticsChart months={view.months} title={t('letterStats.chartTitle', { name })} />
            <Table<LetterFigures> size="small" rowKey="period" pagination={false} columns={figureColumns} dataSource={[...view.months].reverse()}
              title={() => t('letterStats.byMonth')} />
            {region && (
              <Table<LetterFigures & { key: number }> size="small" rowKey="key" pagination={false} dataSource={regionSites}
                columns={[{ ...figureColumns[0]!, title: t('letterStats.site') }, ...figureColumns.slice(1)] as ColumnsType<LetterFigures & { key: number }>}
                title={() => t('letterStats.bySite', { year: view.thisYear.label })} />
            )}
          </Space>
        </Card>
      )}
    </Space>
  );
}
