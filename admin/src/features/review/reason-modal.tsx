import { Alert, Checkbox, Form, Input, Modal } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import { applyFieldErrors } from '../../app/problems';

export interface ReasonValues {
  readonly reason: string;
  readonly showPublicly: boolean;
  /** Withdrawal only: send visitors here instead of the withdrawal notice. */
  readonly redirectTo?: string;
}

interface Props {
  readonly title: string;
  readonly label: string;
  readonly okText: string;
  /** Reject, withdraw and fast track need a reason; approve and post-review take an optional comment. */
  readonly required: boolean;
  readonly danger?: boolean;
  readonly warning?: string;
  /** Withdrawal only: whether the public site shows the notice. */
  readonly withShowPublicly?: boolean;
  /** Withdrawal only: an optional address visitors are sent to instead. */
  readonly withRedirect?: boolean;
  readonly pending: boolean;
  /** The last failure, shown in the dialog (e.g. the self-approval refusal). */
  readonly error: string | null;
  readonly onSubmit: (values: ReasonValues) => Promise<unknown>;
  readonly onClose: () => void;
}

/** The dialog of a review decision: approve with a comment, reject with a reason, and the like. */
export function ReasonModal({ title, label, okText, required, danger, warning, withShowPublicly, withRedirect, pending, error, onSubmit, onClose }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<ReasonValues>();
  const submit = (values: ReasonValues) => {
    onSubmit({ reason: values.reason ?? '', showPublicly: values.showPublicly ?? true, ...(values.redirectTo?.trim() ? { redirectTo: values.redirectTo.trim() } : {}) }).catch((e: unknown) => applyFieldErrors(form, e));
  };
  return (
    <Modal
      open title={title} okText={okText} cancelText={t('common.cancel')} okButtonProps={{ danger: danger ?? false }}
      onOk={() => form.submit()} onCancel={onClose} confirmLoading={pending} destroyOnHidden
    >
      {warning && <Alert type="warning" showIcon title={warning} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form form={form} layout="vertical" name="review-reason" initialValues={{ reason: '', showPublicly: true }} onFinish={submit}>
        <Form.Item
          name="reason" label={label}
          rules={required ? [{ required: true, whitespace: true, message: t('common.required', { field: label }) }] : []}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
        {withRedirect && (
          <Form.Item name="redirectTo" label={t('review.withdraw.redirect')} extra={t('review.withdraw.redirectHint')}>
            <Input maxLength={1000} placeholder="/art/2026/11/123.html" />
          </Form.Item>
        )}
        {withShowPublicly && (
          <Form.Item name="showPublicly" valuePropName="checked">
            <Checkbox>{t('review.withdraw.showPublicly')}</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
