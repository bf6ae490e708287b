import { useState } from 'react';
import { App, Button, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { pageAlertsApi, pageAlertsKeys, type PageAlert } from './page-alerts-api';

/** Acknowledges one alert, with an optional note of what was found. */
export function AcknowledgeButton({ alert }: { alert: PageAlert }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const ack = useMutation({
    mutationFn: () => pageAlertsApi.acknowledge(alert.id, note.trim()),
    onSuccess: () => {
      setOpen(false);
      setNote('');
      void message.success(t('pageAlerts.acknowledged', { id: alert.id }));
      void queryClient.invalidateQueries({ queryKey: pageAlertsKeys.lists });
    },
    onError: (e) => showProblem(e),
  });
  return (
    <>
      <Button type="link" size="small" onClick={() => setOpen(true)}>
        {t('pageAlerts.acknowledge')}
      </Button>
      <Modal
        title={t('pageAlerts.acknowledgeTitle', { id: alert.id })}
        open={open}
        okText={t('pageAlerts.acknowledge')}
        cancelText={t('common.cancel')}
        confirmLoading={ack.isPending}
        onOk={() => ack.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Input.TextArea
          aria-label={t('pageAlerts.note')}
          placeholder={t('pageAlerts.note')}
          maxLength={500}
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </Modal>
    </>
  );
}
