import { useEffect, type ReactNode } from 'react';
import { Button, Flex, Tooltip } from 'antd';
import {
  AlignCenterOutlined, BoldOutlined, ClearOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, UnderlineOutlined, UnorderedListOutlined,
} from '@ant-design/icons';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import TextAlign from '@tiptap/extension-text-align';
import { useI18n } from '../../app/i18n/i18n-context';
import { cleanPastedHtml } from './clean-paste';

interface Props {
  /** Initial HTML; the editor owns the content afterwards. */
  readonly initialHtml: string;
  /** Changes the identity of the content (another edition): resets the editor to initialHtml. */
  readonly resetKey: string | number;
  readonly readOnly: boolean;
  readonly onChange: (html: string) => void;
  readonly label: string;
}

type Command = { key: string; icon: ReactNode; run: () => void; title: string; active?: boolean };

/**
 * The document body editor: TipTap (ProseMirror), a maintained editor whose input handling
 * keeps Chinese input-method compositions intact. Pasted HTML (Word, web pages) is cleaned
 * before ProseMirror parses it; the schema keeps only the structures the server's allow-list
 * accepts, and the server sanitizes again, which is what counts.
 */
export function RichTextEditor({ initialHtml, resetKey, readOnly, onChange, label }: Props) {
  const { t } = useI18n();
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3, 4] }, code: false, codeBlock: false, link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] } }),
      TextAlign.configure({ types: ['heading', 'paragraph'] }),
    ],
    content: initialHtml,
    editable: !readOnly,
    immediatelyRender: true,
    editorProps: {
      attributes: {
        role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, 'aria-readonly': String(readOnly),
        class: 'jiyue-document-body', style: 'min-height: 360px; padding: 12px 16px; outline: none; line-height: 1.8; font-size: 16px',
      },
      transformPastedHTML: (html) => cleanPastedHtml(html),
    },
    onUpdate: ({ editor: e }) => onChange(e.getHTML()),
  });

  useEffect(() => {
    // Only when switching to another edition (resetKey): typing must not reset the caret.
    if (editor && editor.getHTML() !== initialHtml) editor.commands.setContent(initialHtml, { emitUpdate: false });
  }, [resetKey]);
  useEffect(() => { editor?.setEditable(!readOnly); }, [editor, readOnly]);

  const chain = () => editor!.chain().focus();
  const commands: Command[] = editor ? [
    { key: 'bold', icon: <BoldOutlined aria-hidden />, title: t('documents.editor.bold'), run: () => chain().toggleBold().run(), active: editor.isActive('bold') },
    { key: 'italic', icon: <ItalicOutlined aria-hidden />, title: t('documents.editor.italic'), run: () => chain().toggleItalic().run(), active: editor.isActive('italic') },
    { key: 'underline', icon: <UnderlineOutlined aria-hidden />, title: t('documents.editor.underline'), run: () => chain().toggleUnderline().run(), active: editor.isActive('underline') },
    { key: 'h2', icon: <span aria-hidden>H2</span>, title: t('documents.editor.heading'), run: () => chain().toggleHeading({ level: 2 }).run() },
    { key: 'h3', icon: <span aria-hidden>H3</span>, title: t('documents.editor.subheading'), run: () => chain().toggleHeading({ level: 3 }).run() },
    { key: 'p', icon: <span aria-hidden>¶</span>, title: t('documents.editor.paragraph'), run: () => chain().setParagraph().run() },
    { key: 'ol', icon: <OrderedListOutlined aria-hidden />, title: t('documents.editor.orderedList'), run: () => chain().toggleOrderedList().run() },
    { key: 'ul', icon: <UnorderedListOutlined aria-hidden />, title: t('documents.editor.bulletList'), run: () => chain().toggleBulletList().run() },
    { key: 'center', icon: <AlignCenterOutlined aria-hidden />, title: t('documents.editor.center'), run: () => chain().setTextAlign('center').run() },
    {
      key: 'link', icon: <LinkOutlined aria-hidden />, title: t('documents.editor.link'),
      run: () => {
        const url = window.prompt(t('documents.editor.linkPrompt'), 'https://');
        if (url && /^(https?:\/\/|mailto:)/i.test(url.trim())) chain().setLink({ href: url.trim() }).run();
      },
    },
    { key: 'clear', icon: <ClearOutlined aria-hidden />, title: t('documents.editor.clear'), run: () => chain().unsetAllMarks().clearNodes().run() },
  ] : [];

  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 6 }}>
      {!readOnly && (
        <Flex gap={4} wrap role="toolbar" aria-label={t('documents.editor.toolbar')} style={{ padding: 6, borderBottom: '1px solid #f0f0f0' }}>
          {commands.map((c) => (
            <Tooltip key={c.key} title={c.title}>
              <Button size="small" type={c.active ? 'primary' : 'text'} aria-label={c.title} aria-pressed={c.active ?? undefined} icon={c.icon}
                onMouseDown={(e) => e.preventDefault()} onClick={c.run} />
            </Tooltip>
          ))}
        </Flex>
      )}
      <EditorContent editor={editor} />
    </div>
  );
}
