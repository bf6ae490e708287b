import { App, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { lettersApi, lettersKeys, type Mailbox } from './letters-api';

interface Values {
  kind: 'leader' | 'department';
  name: string;
  description: string;
  acceptDays: number;
  deadlineDays: number;
  reviewDays: number;
  sortOrder: number;
  isEnabled: boolean;
}

/** Creates a leader's or department mailbox, or edits any mailbox (the site mailbox cannot be disabled: the server says so). */
export function MailboxFormModal({ siteId, mailbox, onClose }: { siteId: number; mailbox: Mailbox | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = { name: v.name, description: v.description ?? '', acceptDays: v.acceptDays, deadlineDays: v.deadlineDays, reviewDays: v.reviewDays, sortOrder: v.sortOrder };
      return mailbox ? lettersApi.updateMailbox(mailbox.id, { ...common, isEnabled: v.isEnabled }) : lettersApi.createMailbox(siteId, { ...common, kind: v.kind });
    },
    onSuccess: () => {
      void message.success(t('letters.mailboxes.saved'));
      void queryClient.invalidateQueries({ queryKey: lettersKeys.mailboxes(siteId) });
      onClose();
    },
    onError: (e) => showProblem(e, form),
  });
  const initial: Partial<Values> = mailbox
    ? { name: mailbox.name, description: mailbox.description, acceptDays: mailbox.acceptDays, deadlineDays: mailbox.deadlineDays, reviewDays: mailbox.reviewDays, sortOrder: mailbox.sortOrder, isEnabled: mailbox.isEnabled }
    : { kind: 'department', description: '', acceptDays: 1, deadlineDays: 5, reviewDays: 1, sortOrder: 10 };
  const days = (name: 'acceptDays' | 'deadlineDays' | 'reviewDays', max: number) => (
    <Form.Item name={name} label={t(`letters.mailboxes.${name}`)} rules={[{ required: true }]}>
      <InputNumber min={1} max={max} precision={0} aria-label={t(`letters.mailboxes.${name}`)} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={mailbox ? t('letters.mailboxes.edit') : t('letters.mailboxes.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => void form.validateFields().then((v) => save.mutate(v))}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        {!mailbox && (
          <Form.Item name="kind" label={t('letters.mailboxes.kind')} rules={[{ required: true }]}>
            <Select aria-label={t('letters.mailboxes.kind')} options={(['leader', 'department'] as const).map((k) => ({ value: k, label: t(`letters.mailboxes.kind.${k}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('letters.mailboxes.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} aria-label={t('letters.mailboxes.name')} />
        </Form.Item>
        <Form.Item name="description" label={t('letters.mailboxes.description')}>
          <Input.TextArea rows={2} maxLength={500} aria-label={t('letters.mailboxes.description')} />
        </Form.Item>
        {days('acceptDays', 10)}
        {days('deadlineDays', 60)}
        {days('reviewDays', 10)}
        <Form.Item name="sortOrder" label={t('letters.mailboxes.sortOrder')} rules={[{ required: true }]}>
          <InputNumber min={0} max={100_000} precision={0} aria-label={t('letters.mailboxes.sortOrder')} />
        </Form.Item>
        {mailbox && (
          <Form.Item name="isEnabled" label={t('letters.mailboxes.enabled')} valuePropName="checked">
            <Switch disabled={mailbox.kind === 'site'} aria-label={t('letters.mailboxes.enabled')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
