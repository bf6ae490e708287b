import { useMemo, useState } from 'react';
import { Card, DatePicker, Flex, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { shanghaiWallTimeToMs } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { usePrefersReducedMotion } from '../../app/reduced-motion';
import { useEChart } from '../../app/use-echart';
import { errorReportKeys, errorReportsApi, type SiteStats } from './error-reports-api';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));

/** Statistics per site: counts by outcome in a bar chart (figures in the table too), on-time rates and average times. */
export function ErrorReportStatsPage() {
  const { t } = useI18n();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const params = {
    ...(range?.[0] ? { from: shanghaiWallTimeToMs(range[0].startOf('day')) } : {}),
    ...(range?.[1] ? { to: shanghaiWallTimeToMs(range[1].add(1, 'day').startOf('day')) } : {}),
  };
  const q = useQuery({ queryKey: [...errorReportKeys.all, 'stats', params], queryFn: () => errorReportsApi.stats(params) });
  // Memoised: a new array on every render would dispose and redraw the chart on every render.
  const sites = useMemo(() => (q.data?.sites ?? []).filter((s) => s.received > 0), [q.data]);
  const reducedMotion = usePrefersReducedMotion();
  const option = useMemo(() => {
    const series = (['received', 'forwarded', 'fixed', 'dismissed'] as const).map((k) => ({ name: t(`errorReports.${k}`), type: 'bar' as const, data: sites.map((s) => s[k]) }));
    return { animation: !reducedMotion, tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 16, bottom: 60 }, xAxis: { type: 'category', data: sites.map((s) => s.siteName), axisLabel: { rotate: 30 } }, yAxis: { type: 'value', minInterval: 1 }, series };
  }, [sites, t, reducedMotion]);
  const chartRef = useEChart(option);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('errorReports.statsTitle')}</Typography.Title>
      <Card size="small">
        <Flex gap={12} align="center" wrap>
          <span>{t('errorReports.range')}</span>
          <DatePicker.RangePicker aria-label={t('errorReports.range')} value={range} onChange={(v) => setRange(v)} />
        </Flex>
      </Card>
      <Card size="small">
        <div ref={chartRef} role="img" aria-label={t('errorReports.chartLabel')} style={{ width: '100%', height: 320 }} />
      </Card>
      <Table<SiteStats>
        rowKey="siteId"
        size="middle"
        loading={q.isLoading}
        dataSource={sites}
        pagination={false}
        locale={{ emptyText: t('errorReports.none') }}
        columns={[
          { title: t('errorReports.site'), dataIndex: 'siteName', key: 'site' },
          { title: t('errorReports.received'), dataIndex: 'received', key: 'received' },
          { title: t('errorReports.forwarded'), dataIndex: 'forwarded', key: 'forwarded' },
          { title: t('errorReports.fixed'), dataIndex: 'fixed', key: 'fixed' },
          { title: t('errorReports.dismissed'), dataIndex: 'dismissed', key: 'dismissed' },
          { title: t('errorReports.openCount'), dataIndex: 'open', key: 'open' },
          { title: t('errorReports.triageOnTime'), key: 'tr', render: (_, s) => pct(s.triageOnTimeRate) },
          { title: t('errorReports.fixOnTime'), key: 'fr', render: (_, s) => pct(s.fixOnTimeRate) },
          { title: t('errorReports.avgTriage'), key: 'at', render: (_, s) => num(s.avgTriageHours) },
          { title: t('errorReports.avgFix'), key: 'af', render: (_, s) => num(s.avgFixHours) },
        ]}
      />
    </Flex>
  );
}
