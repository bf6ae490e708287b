import { bodyText } from '../body/sanitize-body.js';
import type { AttachmentView } from '../attachments/attachments.repo.js';
import type { EditionView } from '../editions.repo.js';
import { fieldLabel, type EditionFields } from '../metadata/validate-fields.js';
import { diffText, type TextDiff } from './text-diff.js';

export interface FieldChange {
  readonly field: keyof EditionFields;
  readonly label: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface EditionDiff {
  readonly fields: readonly FieldChange[];
  readonly body: TextDiff;
  readonly attachments: { readonly added: readonly string[]; readonly removed: readonly string[] };
}

/** Metadata compared field by field; the body is compared as text (sentences, then characters). */
const COMPARED: readonly (keyof EditionFields)[] = [
  'title', 'subtitle', 'documentNumber', 'issuingOrgName', 'dateWritten', 'topicCategory', 'genre', 'validity', 'validityDate',
  'keywords', 'summary', 'source', 'correctionNote',
];

const VALIDITY_LABELS: Readonly<Record<string, string>> = { valid: '有效', expired: '失效', repealed: '废止' };

function shown(field: keyof EditionFields, v: string | null): string | null {
  if (v === null || v === '') return null;
  return field === 'validity' ? (VALIDITY_LABELS[v] ?? v) : v;
}

export function diffEditions(from: EditionView, to: EditionView, attachments: { from: readonly AttachmentView[]; to: readonly AttachmentView[] }): EditionDiff {
  const fields: FieldChange[] = [];
  for (const field of COMPARED) {
    const before = shown(field, from[field]);
    const after = shown(field, to[field]);
    if (before !== after) fields.push({ field, label: fieldLabel(field), before, after });
  }
  // Same stored file (by content hash and name) means the same attachment across editions.
  const key = (a: AttachmentView) => `${a.sm3}/${a.originalName}`;
  const before = new Set(attachments.from.map(key));
  const after = new Set(attachments.to.map(key));
  return {
    fields,
    body: diffText(bodyText(from.bodyHtml), bodyText(to.bodyHtml)),
    attachments: {
      added: attachments.to.filter((a) => !before.has(key(a))).map((a) => a.originalName),
      removed: attachments.from.filter((a) => !after.has(key(a))).map((a) => a.originalName),
    },
  };
}
