import { useRef } from 'react';
import { Flex, Input, Select } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { lettersApi, lettersKeys } from './letters-api';

export const REPLY_MAX = 10_000;

/**
 * The reply is plain text (the server stores and publishes it as text, masked at every read),
 * so a textarea with a counter; a template of the letter's site, already filled for this letter
 * by the server, is inserted at the cursor.
 */
export function ReplyEditor({ letterId, value, onChange }: { letterId: number; value?: string; onChange?: (v: string) => void }) {
  const { t } = useI18n();
  const area = useRef<TextAreaRef>(null);
  const templates = useQuery({ queryKey: lettersKeys.letterTemplates(letterId), queryFn: () => lettersApi.letterTemplates(letterId) });
  const insert = (id: number) => {
    const text = templates.data?.items.find((x) => x.id === id)?.text ?? '';
    const current = value ?? '';
    const el = area.current?.resizableTextArea?.textArea;
    const start = el?.selectionStart ?? current.length;
    const end = el?.selectionEnd ?? current.length;
    onChange?.((current.slice(0, start) + text + current.slice(end)).slice(0, REPLY_MAX));
  };
  return (
    <Flex vertical gap={8}>
      <Select<number>
        aria-label={t('letters.template')}
        placeholder={t('letters.templatePlaceholder')}
        loading={templates.isFetching}
        value={null as unknown as number}
        options={(templates.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
        onChange={insert}
        data-testid="reply-template"
      />
      <Input.TextArea
        ref={area}
        aria-label={t('letters.reply')}
        rows={10}
        showCount
        maxLength={REPLY_MAX}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
      />
    </Flex>
  );
}
