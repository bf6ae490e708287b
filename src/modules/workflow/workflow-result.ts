import type { Db } from '../../db/index.js';
import { getDocument, getEdition, type DocumentView, type EditionView } from '../content/index.js';
import type { EditionChecks } from './edition-checks.js';
import type { WaitingFor } from './publish-ready.js';

/** What every workflow action answers: the document and its current edition after the action. */
export interface WorkflowResult {
  readonly document: DocumentView;
  readonly edition: EditionView;
  /** Documents published by this action (a major policy and its interpretation publish together). */
  readonly published: readonly number[];
  readonly waitingFor: WaitingFor | null;
  readonly checks?: EditionChecks;
}

export async function workflowResult(db: Db, documentId: number, extra: { published?: readonly number[]; waitingFor?: WaitingFor | null; checks?: EditionChecks } = {}): Promise<WorkflowResult> {
  const document = (await getDocument(db, documentId))!;
  const edition = (await getEdition(db, document.currentEditionId))!;
  return {
    document, edition, published: extra.published ?? [], waitingFor: extra.waitingFor ?? null,
    ...(extra.checks ? { checks: extra.checks } : {}),
  };
}
