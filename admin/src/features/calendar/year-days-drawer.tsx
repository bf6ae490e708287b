import { Drawer, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { calendarApi, calendarKeys, type CalendarDay } from './calendar-api';

export function YearDaysDrawer({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useI18n();
  const days = useQuery({ queryKey: calendarKeys.year(year), queryFn: () => calendarApi.year(year) });
  const columns: ColumnsType<CalendarDay> = [
    { title: t('calendar.date'), dataIndex: 'date', key: 'date' },
    {
      title: t('calendar.dayKind'),
      key: 'kind',
      render: (_, d) =>
        d.kind === 'holiday' ? <Tag color="error">{t('calendar.kind.holiday')}</Tag> : <Tag color="processing">{t('calendar.kind.workday')}</Tag>,
    },
    { title: t('calendar.name'), dataIndex: 'name', key: 'name' },
  ];
  return (
    <Drawer open title={t('calendar.days', { year })} size={560} onClose={onClose} destroyOnHidden>
      <Table<CalendarDay>
        rowKey="date"
        size="small"
        columns={columns}
        dataSource={[...(days.data?.days ?? days.data?.items ?? [])]}
        loading={days.isLoading}
        pagination={false}
      />
    </Drawer>
  );
}
