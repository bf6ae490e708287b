import { AppError } from '../../platform/http/error-registry.js';
import { InteractionErrors } from './errors.js';

/** At most this many files per letter. */
export const MAX_LETTER_ATTACHMENTS = 3;

export interface FileRule {
  readonly mime: string;
  readonly matches: (b: Buffer) => boolean;
}

const startsWith = (b: Buffer, bytes: readonly number[]) => bytes.every((x, i) => b[i] === x);
const PDF: FileRule = { mime: 'application/pdf', matches: (b) => b.toString('latin1', 0, 5) === '%PDF-' };
export const JPEG: FileRule = { mime: 'image/jpeg', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) };
export const PNG: FileRule = { mime: 'image/png', matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) };

/** Citizens send scans and photos; nothing that runs or carries macros. The bytes must match the extension. */
const RULES: Readonly<Record<string, FileRule>> = { pdf: PDF, jpg: JPEG, jpeg: JPEG, png: PNG };

export interface UploadedFile {
  readonly fileName: string;
  readonly bytes: Buffer;
}

export interface CheckedFile {
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: Buffer;
}

/**
 * The last path segment, without control or format characters (bidi overrides could show
 * `gpj.exe` as `exe.jpg`), at most 200 characters: a name to show, never a path.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base.replace(/[\p{Cc}\p{Cf}]/gu, '').trim()].slice(-200).join('');
  return clean || '附件';
}

function formatBytes(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(n / 1024)} KB`;
}

/**
 * Checks every file before anything is stored: count, size, extension on the allow-list and
 * content that is what the extension says (an .exe renamed .pdf is refused). Errors name the
 * file by its position, not its name, which may itself be personal.
 */
export function checkLetterFiles(files: readonly UploadedFile[], maxBytes: number): CheckedFile[] {
  if (files.length > MAX_LETTER_ATTACHMENTS) throw new AppError(InteractionErrors['interaction.attachment.too_many'], { max: MAX_LETTER_ATTACHMENTS });
  return files.map((f, i) => {
    const n = i + 1;
    const fileName = cleanFileName(f.fileName);
    const ext = fileName.includes('.') ? (fileName.split('.').pop() ?? '').toLowerCase() : '';
    const rule = RULES[ext];
    if (!rule) throw new AppError(InteractionErrors['interaction.attachment.type_not_allowed'], { n });
    if (f.bytes.length === 0) throw new AppError(InteractionErrors['interaction.attachment.empty'], { n });
    if (f.bytes.length > maxBytes) throw new AppError(InteractionErrors['interaction.attachment.too_large'], { n, limit: formatBytes(maxBytes) });
    if (!rule.matches(f.bytes)) throw new AppError(InteractionErrors['interaction.attachment.disguised'], { n });
    return { fileName, mime: rule.mime, bytes: f.bytes };
  });
}

export { formatBytes };

/** What a letter attachment's row keeps in the clear: a name that says nothing of its sender. */
export function neutralFileName(fileName: string, position: number): string {
  const ext = fileName.includes('.') ? (fileName.split('.').pop() ?? '').toLowerCase() : '';
  return `附件${position + 1}${ext ? `.${ext}` : ''}`;
}
