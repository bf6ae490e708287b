import type { Db } from '../../../db/index.js';
import type { CheckInput, CheckResult } from '../check-types.js';
import { loadCheckContext } from '../check-context.js';
import { htmlToPlainText } from '../html-to-plain-text.js';
import { requiredMetadataFor } from '../metadata-fields.js';
import { runChecks } from '../run-checks.js';

export interface DraftChecksInput {
  readonly title: string;
  readonly bodyHtml: string;
  readonly metadata?: Readonly<Record<string, unknown>> | undefined;
  readonly requiredFields?: readonly string[] | undefined;
  readonly columnKind?: string | undefined;
  readonly attachmentsText?: CheckInput['attachmentsText'];
}

export interface DraftChecksReport {
  readonly results: CheckResult[];
  readonly blocking: boolean;
  readonly counts: { readonly block: number; readonly warn: number };
  readonly bodyText: string;
}

/** Checks a draft the editor has not saved yet; reads the dictionary and rules, writes nothing. */
export async function runDraftChecks({ db, input }: { db: Db; input: DraftChecksInput }): Promise<DraftChecksReport> {
  const ctx = await loadCheckContext(db);
  const requiredFields = input.requiredFields ?? (input.columnKind ? requiredMetadataFor(input.columnKind) : []);
  const results = runChecks({
    title: input.title, bodyHtml: input.bodyHtml, metadata: input.metadata ?? {}, requiredFields,
    ...(input.attachmentsText ? { attachmentsText: input.attachmentsText } : {}),
  }, ctx);
  const block = results.filter((r) => r.severity === 'block').length;
  return { results, blocking: block > 0, counts: { block, warn: results.length - block }, bodyText: htmlToPlainText(input.bodyHtml) };
}
