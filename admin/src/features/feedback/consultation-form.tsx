import { Alert, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { shanghaiWallTimeToMs, ZONE } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { applyFieldErrors } from '../../app/problems';
import type { Consultation, NewConsultation } from './feedback-api';

interface Values {
  readonly siteId: number;
  readonly title: string;
  readonly intro?: string;
  readonly draftText?: string;
  readonly documentId?: number | null;
  readonly opensAt: Dayjs;
  readonly closesAt: Dayjs;
  readonly shortReason?: string;
}

interface Props {
  readonly sites: readonly { id: number; name: string }[];
  /** Editing: the consultation as it is (the draft text left empty keeps the clauses). */
  readonly current?: Consultation;
  readonly pending: boolean;
  readonly onSubmit: (siteId: number, input: NewConsultation) => Promise<unknown>;
  readonly onClose: () => void;
}

const toPicker = (ms: number): Dayjs => dayjs(dayjs(ms).tz(ZONE).format('YYYY-MM-DD HH:mm:ss'));

/** 发起或修改征求意见: the draft text is split into clauses by the server (第X条, else paragraphs). */
export function ConsultationForm({ sites, current, pending, onSubmit, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) => {
    const input: NewConsultation = {
      title: v.title, intro: v.intro ?? '', draftText: v.draftText?.trim() ? v.draftText : '', documentId: v.documentId ?? null,
      opensAt: shanghaiWallTimeToMs(v.opensAt), closesAt: shanghaiWallTimeToMs(v.closesAt), shortReason: v.shortReason ?? '',
    };
    onSubmit(v.siteId, input).catch((e: unknown) => applyFieldErrors(form, e));
  };
  const initial = current
    ? { siteId: current.siteId, title: current.title, intro: current.intro, documentId: current.documentId, opensAt: toPicker(current.opensAt), closesAt: toPicker(current.closesAt), shortReason: current.shortReason }
    : { siteId: sites[0]?.id };
  return (
    <Modal open width={720} title={t(current ? 'consultations.edit' : 'consultations.new')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={pending} destroyOnHidden>
      <Form form={form} layout="vertical" name="consultation-form" initialValues={initial} onFinish={submit}>
        <Form.Item name="siteId" label={t('feedback.site')} rules={[{ required: true }]} hidden={current !== undefined}>
          <Select options={sites.map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="title" label={t('consultations.form.title')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="intro" label={t('consultations.form.intro')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Alert type="info" showIcon title={t(current ? 'consultations.form.draftKeep' : 'consultations.form.draftHint')} style={{ marginBottom: 12 }} />
        <Form.Item name="draftText" label={t('consultations.form.draftText')} rules={current ? [] : [{ required: true, whitespace: true }]}>
          <Input.TextArea rows={10} />
        </Form.Item>
        <Form.Item name="documentId" label={t('consultations.form.documentId')}>
          <InputNumber min={1} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="opensAt" label={t('consultations.form.opensAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="closesAt" label={t('consultations.form.closesAt')} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="shortReason" label={t('consultations.form.shortReason')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
