import type { CheckContext, CheckField, CheckInput, CheckResult } from './check-types.js';
import { compileDictionary } from './dictionary-matcher.js';
import { foldForChecks, unfold } from './fold-hidden.js';
import { normalizeForNumbers } from './excerpt.js';
import { parseBodyHtml } from './html-to-plain-text.js';
import { metadataFieldLabel } from './metadata-fields.js';
import { capFindings } from './result-cap.js';
import { severityOf } from './rule-catalog.js';
import { checkBannedExpressions } from './rules/banned-expression.js';
import { checkBodyLinks, checkImageAlt } from './rules/body-links.js';
import { checkPersonalData } from './rules/personal-data.js';
import type { FieldText } from './rules/rule-scan.js';
import { checkSecrecyMarking } from './rules/secrecy-marking.js';

function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  return false;
}

/**
 * Runs every text rule over the title, the body (as htmlToPlainText gives it), each attachment's
 * extracted text and each string metadata value, then the link, image and required-metadata
 * rules. Pure and synchronous: no I/O, the same input gives the same results. Results are in
 * field order (title, body, attachments, metadata), then by position; each rule lists at most
 * MAX_FINDINGS_PER_RULE_AND_FIELD per field, then one finding saying how many more (capFindings).
 */
export function runChecks(input: CheckInput, ctx: CheckContext): CheckResult[] {
  const out: CheckResult[] = [];
  const dict = compileDictionary(ctx.dictionary);
  const levels = {
    secrecy: severityOf(ctx, 'secrecy_marking'),
    personal: {
      personalId: severityOf(ctx, 'personal_id'),
      mobile: severityOf(ctx, 'mobile_number'),
      bankCard: severityOf(ctx, 'bank_card'),
    },
    banned: severityOf(ctx, 'banned_expression'),
  };
  const scan = (field: CheckField, text: string): FieldText | null => {
    if (text.length === 0) return null;
    const f: FieldText = { field, text, numbers: normalizeForNumbers(text) };
    // The text rules read the text with what hides words from them taken out (fold-hidden.ts).
    const folded = foldForChecks(text);
    const read: FieldText = folded ? { field, text: folded.text, numbers: normalizeForNumbers(folded.text) } : f;
    const before = out.length;
    checkSecrecyMarking(read, levels.secrecy, out);
    checkPersonalData(read, levels.personal, out);
    checkBannedExpressions(read, dict, levels.banned, out);
    if (folded) for (let i = before; i < out.length; i++) out[i] = { ...out[i]!, ...unfold(folded, out[i]!.start, out[i]!.end) };
    sortFrom(out, before);
    return f;
  };

  scan('title', input.title);
  const body = parseBodyHtml(input.bodyHtml);
  const bodyStart = out.length;
  const bodyField = scan('body', body.text) ?? { field: 'body' as const, text: body.text, numbers: body.text };
  checkBodyLinks(bodyField, body.links, dict, {
    commercial: severityOf(ctx, 'commercial_link'), external: severityOf(ctx, 'external_link'),
  }, out);
  checkImageAlt(bodyField, body.images, severityOf(ctx, 'image_missing_alt'), out);
  sortFrom(out, bodyStart);

  for (const a of input.attachmentsText ?? []) scan(`attachment:${a.name}`, a.text);
  for (const [key, value] of Object.entries(input.metadata)) {
    if (typeof value === 'string') scan(`metadata.${key}`, value);
  }
  checkMissingMetadata(input, severityOf(ctx, 'missing_metadata'), out);
  return capFindings(out);
}

function checkMissingMetadata(input: CheckInput, level: ReturnType<typeof severityOf>, out: CheckResult[]): void {
  if (level === 'off') return;
  for (const key of input.requiredFields) {
    // Own keys only: `constructor` is missing from {}, not Object's constructor.
    if (Object.hasOwn(input.metadata, key) && !isEmptyValue(input.metadata[key])) continue;
    const label = metadataFieldLabel(key);
    out.push({
      rule: 'missing_metadata', severity: level, field: `metadata.${key}`, start: 0, end: 0, excerpt: '',
      message: `缺少必填元数据：${label.zh}`,
      messageEn: `Required metadata is missing: ${label.en}`,
      suggestion: `请填写${label.zh}`,
    });
  }
}

/** Sorts out[from…] by position (each rule appends in its own order). */
function sortFrom(out: CheckResult[], from: number): void {
  if (out.length - from < 2) return;
  const tail = out.slice(from).sort((a, b) => a.start - b.start || a.end - b.end);
  // Written back one by one: push(...tail) overflows the stack past about 100,000 findings.
  for (let i = 0; i < tail.length; i++) out[from + i] = tail[i]!;
}
