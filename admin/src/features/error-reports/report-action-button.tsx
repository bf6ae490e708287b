import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { errorReportKeys, errorReportsApi, type DismissKind, type ErrorReport, type ReportAction } from './error-reports-api';

type Kind = ReportAction['action'];
const DISMISS_KINDS: readonly DismissKind[] = ['not_error', 'duplicate', 'other'];

/**
 * One step on a report in a dialog: forward (optional note), dismiss (kind and reason), fix (the
 * answer), dispute (reason). Sends the version shown, so a report someone else moved meanwhile
 * is refused (409) rather than acted on twice.
 */
export function ReportActionButton({ report, kind, primary = false }: { report: Pick<ErrorReport, 'id' | 'version'>; kind: Kind; primary?: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason?: string; answer?: string; dismissKind?: DismissKind }>();
  const act = useMutation({
    mutationFn: (v: { reason?: string; answer?: string; dismissKind?: DismissKind }) => {
      const body: ReportAction = kind === 'forward' ? { action: 'forward', ...(v.reason ? { reason: v.reason } : {}) }
        : kind === 'dismiss' ? { action: 'dismiss', dismissKind: v.dismissKind ?? 'not_error', reason: v.reason ?? '' }
          : kind === 'fix' ? { action: 'fix', answer: v.answer ?? '' }
            : { action: 'dispute', reason: v.reason ?? '' };
      return errorReportsApi.act(report.id, report.version, body);
    },
    onSuccess: () => {
      setOpen(false);
      form.resetFields();
      void message.success(t('errorReports.done', { id: report.id }));
      void queryClient.invalidateQueries({ queryKey: errorReportKeys.all });
    },
    onError: (e) => showProblem(e, form),
  });
  const label = t(`errorReports.${kind}`);
  return (
    <>
      <Button type={primary ? 'primary' : 'default'} size="small" danger={kind === 'dismiss' || kind === 'dispute'} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal
        title={`${label} · #${report.id}`}
        open={open}
        okText={label}
        cancelText={t('common.cancel')}
        confirmLoading={act.isPending}
        onOk={() => void form.validateFields().then((v) => act.mutate(v))}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {kind === 'dismiss' && (
            <Form.Item name="dismissKind" label={t('errorReports.dismissKind')} rules={[{ required: true }]}>
              <Select options={DISMISS_KINDS.map((k) => ({ value: k, label: t(`errorReports.dismissKind.${k}`) }))} />
            </Form.Item>
          )}
          {kind === 'fix' ? (
            <Form.Item name="answer" label={t('errorReports.answer')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={4} maxLength={5000} />
            </Form.Item>
          ) : (
            <Form.Item name="reason" label={kind === 'forward' ? t('errorReports.reasonOptional') : t('errorReports.reason')} rules={kind === 'forward' ? [] : [{ required: true, whitespace: true }]}>
              <Input.TextArea rows={3} maxLength={1000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
