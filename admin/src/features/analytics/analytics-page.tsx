import { useState } from 'react';
import { Alert, Card, Col, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import { useSites } from '../sites/sites-api';
import { type TrafficRange, useTraffic } from './analytics-api';
import { TrafficChart } from './traffic-chart';

const ALL = '';
const thisYear = new Date().getFullYear();
const RANGES: readonly { key: string; range: TrafficRange }[] = [
  { key: 'd7', range: { days: 7 } }, { key: 'd30', range: { days: 30 } }, { key: 'd90', range: { days: 90 } }, { key: 'd365', range: { days: 365 } },
  { key: `y${thisYear}`, range: { year: thisYear } }, { key: `y${thisYear - 1}`, range: { year: thisYear - 1 } },
];

/** 访问统计: page views and unique visitors of a site or of every site in scope, as a chart, totals and the most viewed pages. */
export function AnalyticsPage() {
  const { t } = useI18n();
  const sites = useSites();
  const [site, setSite] = useState<string>(ALL);
  const [rangeKey, setRangeKey] = useState('d30');
  const range = RANGES.find((r) => r.key === rangeKey)?.range ?? { days: 30 };
  const traffic = useTraffic(site === ALL ? null : site, range);
  const data = traffic.data;
  const siteName = site === ALL ? t('analytics.allSites') : sites.data?.items.find((s) => s.code === site)?.name ?? site;
  const rangeLabel = (r: TrafficRange) => ('year' in r ? t('analytics.year', { year: r.year }) : t('analytics.lastDays', { days: r.days }));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>{t('analytics.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('analytics.intro')}</Typography.Paragraph>
      <Space wrap>
        <Select
          aria-label={t('analytics.site')}
          style={{ minWidth: 300 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={site}
          onChange={(v: string) => setSite(v)}
          options={[{ value: ALL, label: t('analytics.allSites') }, ...(sites.data?.items ?? []).map((s) => ({ value: s.code, label: s.name }))]}
        />
        <Select aria-label={t('analytics.range')} style={{ width: 160 }} value={rangeKey} onChange={(v: string) => setRangeKey(v)}
          options={RANGES.map((r) => ({ value: r.key, label: rangeLabel(r.range) }))} />
      </Space>
      {traffic.isError && <Alert type="error" showIcon title={t('analytics.loadFailed')} />}
      {data && (
        <>
          <Row gutter={16}>
            <Col xs={24} md={8}><Card><Statistic title={t('analytics.totalViews')} value={data.views} /></Card></Col>
            <Col xs={24} md={8}><Card><Statistic title={t('analytics.totalVisitors')} value={data.visitors} /></Card></Col>
            <Col xs={24} md={8}><Card><Statistic title={t('analytics.range')} value={`${data.from} — ${data.to}`} /></Card></Col>
          </Row>
          <Card title={t('analytics.chartTitle', { name: siteName })}>
            <TrafficChart days={data.perDay} title={t('analytics.chartTitle', { name: siteName })} />
          </Card>
          <Row gutter={16}>
            <Col xs={24} lg={data.scope === 'site' ? 24 : 14}>
              <Card title={t('analytics.topPages')}>
                <Table size="small" rowKey={(p) => `${p.siteCode}${p.path}`} pagination={false} dataSource={[...data.topPages]} columns={[
                  { title: t('analytics.page'), key: 'path', render: (_: unknown, p) => <a href={p.url} target="_blank" rel="noreferrer">{p.path}</a> },
                  ...(data.scope === 'site' ? [] : [{ title: t('analytics.site'), dataIndex: 'siteName', key: 'siteName' }]),
                  { title: t('analytics.views'), dataIndex: 'views', key: 'views', align: 'right' as const },
                ]} />
              </Card>
            </Col>
            {data.scope !== 'site' && (
              <Col xs={24} lg={10}>
                <Card title={t('analytics.topSites')}>
                  <Table size="small" rowKey="siteCode" pagination={false} dataSource={[...data.topSites]} columns={[
                    { title: t('analytics.site'), dataIndex: 'siteName', key: 'siteName' },
                    { title: t('analytics.views'), dataIndex: 'views', key: 'views', align: 'right' as const },
                    { title: t('analytics.visitors'), dataIndex: 'visitors', key: 'visitors', align: 'right' as const },
                  ]} />
                </Card>
              </Col>
            )}
          </Row>
          <Card title={t('analytics.perDay')}>
            <Table size="small" rowKey="day" pagination={{ pageSize: 31 }} dataSource={[...data.perDay].reverse()} columns={[
              { title: t('analytics.day'), dataIndex: 'day', key: 'day' },
              { title: t('analytics.views'), dataIndex: 'views', key: 'views', align: 'right' as const },
              { title: t('analytics.visitors'), dataIndex: 'visitors', key: 'visitors', align: 'right' as const },
            ]} />
          </Card>
        </>
      )}
    </Space>
  );
}
