import { useState } from 'react';
import { Alert, Button, DatePicker, Form, InputNumber } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { problemText } from '../../app/problems';
import { calendarApi, type DateCheck } from './calendar-api';

interface Values {
  date: Dayjs;
  add: number;
}

/** Is this day a working day, and when do N working days from it end? */
export function DateChecker() {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [asked, setAsked] = useState<number>(0);
  const check = useMutation({ mutationFn: (v: Values) => calendarApi.check(v.date.format('YYYY-MM-DD'), v.add) });

  const result = (r: DateCheck) => {
    const day = r.isWorkingDay ? t('calendar.isWorkingDay', { date: r.date }) : t('calendar.isRestDay', { date: r.date });
    const at = r.deadline === null ? null : typeof r.deadline === 'number' ? r.deadline : r.deadline.at;
    const end = t('calendar.sentenceEnd');
    const parts = [day];
    if (at !== null) parts.push(t('calendar.deadline', { n: asked, deadline: formatTime(at) }));
    if (r.missingYears && r.missingYears.length > 0) parts.push(`${t('calendar.missing')}：${r.missingYears.join('、')}`);
    return parts.map((p) => `${p}${end}`).join('').trim();
  };

  return (
    <>
      <Form
        form={form}
        name="dateCheck"
        layout="inline"
        initialValues={{ date: dayjs(), add: 5 }}
        onFinish={(v) => {
          setAsked(v.add);
          check.mutate(v);
        }}
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="date" label={t('calendar.checkDate')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="add" label={t('calendar.addDays')}>
          <InputNumber min={0} max={365} precision={0} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={check.isPending}>
            {t('calendar.checkButton')}
          </Button>
        </Form.Item>
      </Form>
      {check.data && <Alert type={check.data.isWorkingDay ? 'success' : 'info'} showIcon title={result(check.data)} />}
      {check.error && <Alert type="error" showIcon title={problemText(check.error, t('common.error'))} />}
    </>
  );
}
