import { App, Form, Input, InputNumber, Modal, Select, TreeSelect } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { lettersApi, lettersKeys, type HandlerAction } from './letters-api';
import { ReplyEditor } from './reply-editor';
import { unitTree } from './unit-tree';

export type DialogAction = HandlerAction | 'approve_extension' | 'reject_extension';

/** Actions whose reason the server requires (docs/interaction.md, states and transitions). */
const REASON_REQUIRED: ReadonlySet<DialogAction> = new Set(['refuse', 'send_back', 'forward', 'request_extension', 'request_supplement', 'return_reply', 'reject_extension']);
const REASON_OPTIONAL: ReadonlySet<DialogAction> = new Set(['merge']);

export interface DialogLetter {
  readonly id: number;
  readonly subject: string;
  readonly version: number;
}

interface Values {
  reason?: string;
  orgId?: number;
  intoLetterId?: number;
  days?: number;
  text?: string;
}

/**
 * One dialog for every handling step: it asks for what the action needs (a reason, a unit, the
 * letter to merge into, days, the reply), sends the version the console showed (a letter changed
 * meanwhile is refused, not acted on) and refreshes every letters list.
 */
export function ActionDialog({ letter, action, mergeCandidates, onClose }: {
  letter: DialogLetter;
  action: DialogAction;
  mergeCandidates?: readonly { id: number; subject: string }[];
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const needsUnit = action === 'assign' || action === 'forward';
  const units = useQuery({ queryKey: lettersKeys.units, queryFn: lettersApi.units, enabled: needsUnit, staleTime: 300_000 });
  const label = t(`letters.action.${action}`);
  const run = useMutation({
    mutationFn: async (v: Values) => {
      if (action === 'approve_extension' || action === 'reject_extension') {
        return lettersApi.decideExtension(letter.id, action === 'approve_extension' ? 'approve' : 'reject', v.reason?.trim() ?? '');
      }
      return lettersApi.act(letter.id, {
        action, version: letter.version,
        ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        ...(v.orgId !== undefined ? { orgId: v.orgId } : {}),
        ...(v.intoLetterId !== undefined ? { intoLetterId: v.intoLetterId } : {}),
        ...(v.days !== undefined ? { days: v.days } : {}),
        ...(v.text !== undefined ? { text: v.text } : {}),
      });
    },
    onSuccess: () => {
      void message.success(t('letters.done', { action: label }));
      void queryClient.invalidateQueries({ queryKey: lettersKeys.all });
      onClose();
    },
    onError: (e) => showProblem(e, form),
  });
  const required = REASON_REQUIRED.has(action);
  return (
    <Modal
      open
      title={t('letters.dialogTitle', { action: label, subject: letter.subject })}
      okText={label}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      onOk={() => void form.validateFields().then((v) => run.mutate(v))}
      onCancel={onClose}
      width={action === 'draft_reply' ? 760 : 520}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={action === 'request_extension' ? { days: 5 } : {}}>
        {needsUnit && (
          <Form.Item name="orgId" label={t('letters.targetUnit')} rules={[{ required: true, message: t('letters.targetUnitRequired') }]}>
            <TreeSelect
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              loading={units.isFetching}
              treeData={unitTree(units.data?.items ?? [])}
              aria-label={t('letters.targetUnit')}
              data-testid="unit-picker"
            />
          </Form.Item>
        )}
        {action === 'merge' && (
          <Form.Item name="intoLetterId" label={t('letters.mergeTarget')} rules={[{ required: true, message: t('letters.mergeTargetRequired') }]}>
            {mergeCandidates
              ? <Select showSearch optionFilterProp="label" aria-label={t('letters.mergeTarget')} options={mergeCandidates.filter((c) => c.id !== letter.id).map((c) => ({ value: c.id, label: `#${c.id} ${c.subject}` }))} />
              : <InputNumber min={1} precision={0} style={{ width: '100%' }} aria-label={t('letters.mergeTarget')} />}
          </Form.Item>
        )}
        {action === 'request_extension' && (
          <Form.Item name="days" label={t('letters.days')} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} precision={0} aria-label={t('letters.days')} />
          </Form.Item>
        )}
        {action === 'draft_reply' && (
          <Form.Item name="text" label={t('letters.reply')} rules={[{ required: true, whitespace: true, message: t('letters.replyRequired') }]}>
            <ReplyEditor letterId={letter.id} />
          </Form.Item>
        )}
        {(required || REASON_OPTIONAL.has(action)) && (
          <Form.Item
            name="reason"
            label={required ? t('letters.reason') : t('letters.reasonOptional')}
            rules={required ? [{ required: true, whitespace: true, message: t('letters.reasonRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={500} showCount aria-label={required ? t('letters.reason') : t('letters.reasonOptional')} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
