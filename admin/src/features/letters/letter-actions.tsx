import { useState } from 'react';
import { Button, Space } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import { ActionDialog, type DialogAction, type DialogLetter } from './action-dialog';

/** The central handler's steps by status (the desk), as the server's workflow table allows them. */
const CENTRAL: Readonly<Record<string, readonly DialogAction[]>> = {
  received: ['accept', 'refuse', 'merge', 'request_supplement'],
  accepted: ['assign', 'refuse', 'merge', 'request_supplement'],
  reviewing: ['approve_reply', 'return_reply'],
};
/** The handling unit's steps on an assigned letter. */
const UNIT: readonly DialogAction[] = ['draft_reply', 'send_back', 'forward', 'request_extension', 'request_supplement'];

export function centralActions(status: string): readonly DialogAction[] {
  return CENTRAL[status] ?? [];
}

export function unitActions(status: string, extensionPending: boolean): readonly DialogAction[] {
  return status === 'assigned' ? UNIT.filter((a) => a !== 'request_extension' || !extensionPending) : [];
}

/** A row's buttons; each opens the step's dialog. */
export function LetterActions({ letter, actions, mergeCandidates }: {
  letter: DialogLetter;
  actions: readonly DialogAction[];
  mergeCandidates?: readonly { id: number; subject: string }[];
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<DialogAction | null>(null);
  return (
    <>
      <Space size={0} wrap>
        {actions.map((a) => (
          <Button key={a} type="link" size="small" danger={a === 'refuse'} onClick={() => setOpen(a)} data-action={a}>
            {t(`letters.action.${a}`)}
          </Button>
        ))}
      </Space>
      {open && (
        <ActionDialog letter={letter} action={open} {...(mergeCandidates ? { mergeCandidates } : {})} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
