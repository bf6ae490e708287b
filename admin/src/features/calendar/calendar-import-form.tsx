import { App, Button, Form, Input, InputNumber, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { calendarApi, type CalendarImport } from './calendar-api';
import { csvYear, parseDaysJson } from './parse-days';

interface Values {
  format: 'csv' | 'json';
  year?: number;
  content: string;
}

export function CalendarImportForm() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const format = Form.useWatch('format', form) ?? 'csv';

  const importDays = useMutation({
    mutationFn: (input: CalendarImport) => calendarApi.import(input),
    onSuccess: (_, input) => {
      const year = 'year' in input ? input.year : csvYear(input.csv);
      void message.success(t('calendar.imported', { year: year ?? '' }));
      form.setFieldsValue({ content: '' });
      void queryClient.invalidateQueries({ queryKey: ['calendar'] });
      void queryClient.invalidateQueries({ queryKey: ['healthz'] });
    },
    onError: (e) => showProblem(e, form),
  });

  const submit = (v: Values) => {
    if (v.format === 'csv') {
      importDays.mutate({ csv: v.content });
      return;
    }
    try {
      importDays.mutate({ year: v.year ?? 0, days: parseDaysJson(v.content) });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      form.setFields([{ name: 'content', errors: [t('calendar.badJson', { reason })] }]);
    }
  };

  return (
    <Form form={form} name="calendarImport" layout="vertical" onFinish={submit} initialValues={{ format: 'csv', year: new Date().getFullYear() + 1 }}>
      <Form.Item name="format" label={t('calendar.format')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'csv', label: 'CSV' },
            { value: 'json', label: 'JSON' },
          ]}
        />
      </Form.Item>
      {format === 'json' && (
        <Form.Item
          name="year"
          label={t('calendar.year')}
          rules={[{ required: true, message: t('common.required', { field: t('calendar.year') }) }]}
        >
          <InputNumber min={2000} max={2100} precision={0} />
        </Form.Item>
      )}
      <Form.Item
        name="content"
        label={t('calendar.content')}
        extra={format === 'csv' ? t('calendar.csvHint') : t('calendar.jsonHint')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('calendar.content') }) }]}
      >
        <Input.TextArea rows={8} spellCheck={false} style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={importDays.isPending}>
        {t('calendar.importButton')}
      </Button>
    </Form>
  );
}
