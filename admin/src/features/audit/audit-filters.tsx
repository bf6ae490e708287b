import { Button, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { shanghaiWallTimeToMs } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { AUDIT_RESULTS, type AuditFilters as Filters, type AuditResult } from './audit-api';

interface Values {
  range?: [Dayjs | null, Dayjs | null] | null;
  actorName?: string;
  action?: string;
  result?: AuditResult;
}

function toFilters(v: Values): Filters {
  const [from, to] = v.range ?? [null, null];
  const actorName = v.actorName?.trim();
  const action = v.action?.trim();
  return {
    ...(from ? { from: shanghaiWallTimeToMs(from) } : {}),
    ...(to ? { to: shanghaiWallTimeToMs(to) } : {}),
    ...(actorName ? { actorName } : {}),
    ...(action ? { action } : {}),
    ...(v.result ? { result: v.result } : {}),
  };
}

export function AuditFilters({ onApply }: { onApply: (filters: Filters) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  return (
    <Form form={form} name="audit" layout="inline" onFinish={(v) => onApply(toFilters(v))} style={{ rowGap: 12 }}>
      <Form.Item name="range" label={t('audit.range')}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
      </Form.Item>
      <Form.Item name="actorName" label={t('audit.actor')}>
        <Input allowClear style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input allowClear style={{ width: 200 }} placeholder="identity.grant" />
      </Form.Item>
      <Form.Item name="result" label={t('audit.result')}>
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('audit.allResults')}
          options={AUDIT_RESULTS.map((r) => ({ value: r, label: t(`audit.result.${r}`) }))}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onApply({});
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
