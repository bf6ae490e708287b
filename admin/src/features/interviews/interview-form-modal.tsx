import { Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { shanghaiWallTimeToMs, ZONE } from '../../app/format';
import { applyFieldErrors } from '../../app/problems';
import { interviewsApi, type Guest, type Interview, type InterviewInput } from './interviews-api';

interface Values {
  readonly siteId?: number;
  readonly title: string;
  readonly topic: string;
  readonly description: string;
  readonly guests: Guest[];
  readonly time: [Dayjs, Dayjs];
}

const toPicker = (ms: number): Dayjs => dayjs(dayjs(ms).tz(ZONE).format('YYYY-MM-DD HH:mm:ss'));

/** Schedules a new interview (with the site) or edits one: Beijing wall-clock times, one or more guests. */
export function InterviewFormModal({ interview, pending, onSubmit, onClose }: {
  interview: Interview | null;
  pending: boolean;
  onSubmit: (siteId: number | null, input: InterviewInput) => Promise<unknown>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const sites = useQuery({ queryKey: ['interviews', 'sites'], queryFn: interviewsApi.sites, enabled: interview === null });
  const initial = interview
    ? { ...interview, time: [toPicker(interview.scheduledStart), toPicker(interview.scheduledEnd)] }
    : { guests: [{ name: '', title: '', org: '' }], topic: '', description: '' };
  const submit = (v: Values) => {
    const input: InterviewInput = {
      title: v.title, topic: v.topic ?? '', description: v.description ?? '', guests: v.guests.map((g) => ({ name: g.name ?? '', title: g.title ?? '', org: g.org ?? '' })),
      scheduledStart: shanghaiWallTimeToMs(v.time[0]), scheduledEnd: shanghaiWallTimeToMs(v.time[1]),
    };
    onSubmit(v.siteId ?? null, input).catch((e: unknown) => applyFieldErrors(form, e));
  };
  return (
    <Modal open width={720} title={t(interview ? 'interviews.edit' : 'interviews.new')} okText={t('common.save')} cancelText={t('common.cancel')}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={pending} destroyOnHidden>
      <Form form={form} layout="vertical" name="interview" initialValues={initial} onFinish={submit}>
        {interview === null && (
          <Form.Item name="siteId" label={t('interviews.site')} rules={[{ required: true }]}>
            <Select loading={sites.isLoading} options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} />
          </Form.Item>
        )}
        <Form.Item name="title" label={t('interviews.field.title')} rules={[{ required: true, whitespace: true, max: 200 }]}><Input /></Form.Item>
        <Form.Item name="topic" label={t('interviews.field.topic')} rules={[{ max: 200 }]}><Input /></Form.Item>
        <Form.Item name="description" label={t('interviews.field.description')} rules={[{ max: 10_000 }]}><Input.TextArea rows={3} /></Form.Item>
        <Form.Item name="time" label={t('interviews.field.time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.List name="guests">
          {(fields, { add, remove }) => (
            <Form.Item label={t('interviews.field.guests')} required>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, whitespace: true, max: 50 }]}><Input aria-label={t('interviews.guest.name')} placeholder={t('interviews.guest.name')} /></Form.Item>
                  <Form.Item name={[f.name, 'title']} rules={[{ max: 100 }]}><Input aria-label={t('interviews.guest.title')} placeholder={t('interviews.guest.title')} /></Form.Item>
                  <Form.Item name={[f.name, 'org']} rules={[{ max: 100 }]}><Input aria-label={t('interviews.guest.org')} placeholder={t('interviews.guest.org')} /></Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>{t('interviews.guest.remove')}</Button>}
                </Space>
              ))}
              <Button onClick={() => add({ name: '', title: '', org: '' })}>{t('interviews.guest.add')}</Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
