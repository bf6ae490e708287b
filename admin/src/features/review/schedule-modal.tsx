import { Alert, DatePicker, Form, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n/i18n-context';
import { shanghaiWallTimeToMs, ZONE } from '../../app/format';
import { applyFieldErrors } from '../../app/problems';

interface Values {
  readonly publishAt: Dayjs | null;
  readonly unpublishAt: Dayjs | null;
}

interface Props {
  readonly publishAt: number | null;
  readonly unpublishAt: number | null;
  /** A published edition only takes an unpublish time. */
  readonly published: boolean;
  readonly pending: boolean;
  readonly error: string | null;
  readonly onSubmit: (input: { publishAt?: number | null; unpublishAt?: number | null }) => Promise<unknown>;
  readonly onClose: () => void;
}

const toPicker = (ms: number | null): Dayjs | null => (ms === null ? null : dayjs(dayjs(ms).tz(ZONE).format('YYYY-MM-DD HH:mm:ss')));

/** 定时发布/下线: Beijing wall-clock times; the server refuses times in the past. */
export function ScheduleModal({ publishAt, unpublishAt, published, pending, error, onSubmit, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const submit = (v: Values) => {
    const input = {
      ...(published ? {} : { publishAt: v.publishAt ? shanghaiWallTimeToMs(v.publishAt) : null }),
      unpublishAt: v.unpublishAt ? shanghaiWallTimeToMs(v.unpublishAt) : null,
    };
    onSubmit(input).catch((e: unknown) => applyFieldErrors(form, e));
  };
  return (
    <Modal open title={t('review.schedule.title')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={() => form.submit()} onCancel={onClose} confirmLoading={pending} destroyOnHidden>
      <Alert type="info" showIcon title={t('review.schedule.hint')} style={{ marginBottom: 12 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" name="review-schedule" initialValues={{ publishAt: toPicker(publishAt), unpublishAt: toPicker(unpublishAt) }} onFinish={submit}>
        {!published && (
          <Form.Item name="publishAt" label={t('review.schedule.publishAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        )}
        <Form.Item name="unpublishAt" label={t('review.schedule.unpublishAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
