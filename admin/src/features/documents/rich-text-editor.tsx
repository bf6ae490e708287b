import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Flex, Tooltip } from 'antd';
import {
  AlignCenterOutlined, BoldOutlined, ClearOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, UnderlineOutlined, UnorderedListOutlined,
} from '@ant-design/icons';
import { useI18n } from '../../app/i18n/i18n-context';
import { cleanPastedHtml } from './clean-paste';

interface Props {
  /** Initial HTML; the editor is uncontrolled afterwards (re-rendering mid-IME would break composition). */
  readonly initialHtml: string;
  /** Changes the identity of the content (another edition): resets the editor to initialHtml. */
  readonly resetKey: string | number;
  readonly readOnly: boolean;
  readonly onChange: (html: string) => void;
  readonly label: string;
}

type Command = { key: string; icon: ReactNode; run: () => void; title: string };

/**
 * A small contentEditable editor. Chinese input methods work natively because nothing
 * re-renders the content while a composition is open (changes are reported after
 * compositionend). Paste is cleaned (Word markup, styles, scripts) before it is inserted; the
 * server sanitizes again with its allow-list, which is what counts.
 */
export function RichTextEditor({ initialHtml, resetKey, readOnly, onChange, label }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const composing = useRef(false);

  useEffect(() => {
    if (ref.current) ref.current.innerHTML = initialHtml;
    // Only when switching to another edition (resetKey): typing must not reset the caret.
  }, [resetKey]);

  const report = () => {
    if (!composing.current && ref.current) onChange(ref.current.innerHTML);
  };
  const exec = (command: string, value?: string) => {
    ref.current?.focus();
    document.execCommand(command, false, value);
    report();
  };
  const commands: Command[] = [
    { key: 'bold', icon: <BoldOutlined aria-hidden />, title: t('documents.editor.bold'), run: () => exec('bold') },
    { key: 'italic', icon: <ItalicOutlined aria-hidden />, title: t('documents.editor.italic'), run: () => exec('italic') },
    { key: 'underline', icon: <UnderlineOutlined aria-hidden />, title: t('documents.editor.underline'), run: () => exec('underline') },
    { key: 'h2', icon: <span aria-hidden>H2</span>, title: t('documents.editor.heading'), run: () => exec('formatBlock', 'h2') },
    { key: 'h3', icon: <span aria-hidden>H3</span>, title: t('documents.editor.subheading'), run: () => exec('formatBlock', 'h3') },
    { key: 'p', icon: <span aria-hidden>¶</span>, title: t('documents.editor.paragraph'), run: () => exec('formatBlock', 'p') },
    { key: 'ol', icon: <OrderedListOutlined aria-hidden />, title: t('documents.editor.orderedList'), run: () => exec('insertOrderedList') },
    { key: 'ul', icon: <UnorderedListOutlined aria-hidden />, title: t('documents.editor.bulletList'), run: () => exec('insertUnorderedList') },
    { key: 'center', icon: <AlignCenterOutlined aria-hidden />, title: t('documents.editor.center'), run: () => exec('justifyCenter') },
    {
      key: 'link', icon: <LinkOutlined aria-hidden />, title: t('documents.editor.link'),
      run: () => {
        const url = window.prompt(t('documents.editor.linkPrompt'), 'https://');
        if (url && /^(https?:\/\/|mailto:)/i.test(url.trim())) exec('createLink', url.trim());
      },
    },
    { key: 'clear', icon: <ClearOutlined aria-hidden />, title: t('documents.editor.clear'), run: () => exec('removeFormat') },
  ];

  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 6 }}>
      {!readOnly && (
        <Flex gap={4} wrap role="toolbar" aria-label={t('documents.editor.toolbar')} style={{ padding: 6, borderBottom: '1px solid #f0f0f0' }}>
          {commands.map((c) => (
            <Tooltip key={c.key} title={c.title}>
              <Button size="small" type="text" aria-label={c.title} icon={c.icon} onMouseDown={(e) => e.preventDefault()} onClick={c.run} />
            </Tooltip>
          ))}
        </Flex>
      )}
      <div
        ref={ref}
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        aria-readonly={readOnly}
        contentEditable={!readOnly}
        suppressContentEditableWarning
        className="jiyue-document-body"
        style={{ minHeight: 360, padding: '12px 16px', outline: 'none', lineHeight: 1.8, fontSize: 16 }}
        onInput={report}
        onBlur={report}
        onCompositionStart={() => { composing.current = true; }}
        onCompositionEnd={() => { composing.current = false; report(); }}
        onPaste={(e) => {
          const html = e.clipboardData.getData('text/html');
          const text = e.clipboardData.getData('text/plain');
          e.preventDefault();
          if (html) document.execCommand('insertHTML', false, cleanPastedHtml(html));
          else document.execCommand('insertText', false, text);
          report();
        }}
      />
    </div>
  );
}
