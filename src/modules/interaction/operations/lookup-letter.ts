import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { getSite } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import type { LetterStatus, LetterType } from '../interaction.tables.js';
import { LETTER_STATUS_LABELS, LETTER_TYPE_LABELS } from '../letter-types.js';
import { attachmentCounts, letterByQueryCode, setLookupFailures, type LetterRow } from '../letters.repo.js';
import { publicProgress, type PublicProgress } from '../letter-progress.js';
import { getMailbox } from '../mailboxes.repo.js';
import { maskPersonalData, openPersonalData, personalAad, type MaskedPersonalData } from '../personal-data.js';
import { normalizeCredential } from '../query-credentials.js';
import { hashQueryPassword, verifyQueryPassword } from '../query-password.js';
import { recordLookupFailure } from '../letters.repo.js';

/** Wrong passwords in a row before a letter stops answering look-ups for a while. */
export const LOOKUP_MAX_FAILURES = 5;
export const LOOKUP_LOCK_MS = 15 * 60_000;

export interface LetterProgress {
  readonly queryCode: string;
  readonly siteName: string;
  readonly mailboxName: string;
  readonly letterType: LetterType;
  readonly letterTypeName: string;
  readonly subject: string;
  readonly body: string;
  readonly isPublic: boolean;
  readonly status: LetterStatus;
  readonly statusName: string;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly attachmentCount: number;
  /** Masked even for the writer: whoever holds the receipt is not necessarily the writer. */
  readonly citizen: MaskedPersonalData;
  readonly progress: PublicProgress;
}

/**
 * Checks the citizen's query code and password and returns the letter. Unknown code, wrong
 * password and a locked letter all get the same message (and about the same time), so the
 * answer tells nothing about which codes exist; 5 wrong passwords lock the letter's look-up for
 * 15 minutes. Used by the look-up and by every citizen action (supplement, rate, reopen).
 */
export async function authenticateLetter({ db, actor, input, deps }: { db: Db; actor: Actor; input: { queryCode: string; queryPassword: string }; deps: InteractionDeps }): Promise<LetterRow> {
  const code = normalizeCredential(input.queryCode);
  const password = normalizeCredential(input.queryPassword);
  const now = deps.clock.now();
  const row = await letterByQueryCode(db, code);
  if (!row) {
    await verifyQueryPassword(deps.queryKey, code, password, hashQueryPassword(deps.queryKey, code, 'jiyue-dummy-password'));
    // The same work as a wrong password (a write transaction, an audit row), so the time taken
    // does not tell whether the code exists. The code itself is not recorded.
    await inTransaction(db, async (trx) => {
      await recordLookupFailure(trx, 0, LOOKUP_MAX_FAILURES, now + LOOKUP_LOCK_MS);
      await deps.audit.append(trx, actor, {
        action: 'interaction.letter.lookup', result: 'denied', targetType: 'letter', targetId: null, detail: { reason: 'unknown_code' },
      });
    });
    throw new AppError(InteractionErrors['interaction.lookup.failed']);
  }
  const locked = row.lookup_locked_until !== null && Number(row.lookup_locked_until) > now;
  const ok = await verifyQueryPassword(deps.queryKey, row.query_code, password, row.query_password_hash);
  if (locked || !ok) {
    if (!locked) {
      // Counted by the database: concurrent wrong passwords each add one.
      await inTransaction(db, async (trx) => {
        const counted = await recordLookupFailure(trx, Number(row.id), LOOKUP_MAX_FAILURES, now + LOOKUP_LOCK_MS);
        await deps.audit.append(trx, actor, {
          action: 'interaction.letter.lookup', result: 'denied', targetType: 'letter', targetId: Number(row.id),
          detail: { reason: 'wrong_password', failures: counted?.failures ?? 0, locked: counted?.locked ?? false },
        });
      });
    }
    throw new AppError(InteractionErrors['interaction.lookup.failed']);
  }
  if (Number(row.lookup_failures) > 0) {
    await inTransaction(db, async (trx) => {
      await setLookupFailures(trx, Number(row.id), 0, null);
      await deps.audit.append(trx, actor, { action: 'interaction.letter.lookup', result: 'success', targetType: 'letter', targetId: Number(row.id), detail: { failuresCleared: true } });
    });
  }
  return row;
}

/** The citizen's look-up with query code and password: the letter, its progress and the reply. */
export async function lookupLetter({ db, actor, input, deps }: { db: Db; actor: Actor; input: { queryCode: string; queryPassword: string }; deps: InteractionDeps }): Promise<LetterProgress> {
  const row = await authenticateLetter({ db, actor, input, deps });
  const [site, mailbox, counts] = await Promise.all([getSite(db, Number(row.site_id)), getMailbox(db, Number(row.mailbox_id)), attachmentCounts(db, [Number(row.id)])]);
  return {
    queryCode: row.query_code, siteName: site?.name ?? '', mailboxName: mailbox?.name ?? '', letterType: row.letter_type,
    letterTypeName: LETTER_TYPE_LABELS[row.letter_type], subject: row.subject,
    body: Number(row.is_public) === 1 ? row.body : deps.cipher.decrypt(row.body, personalAad(row.query_code, 'body')),
    isPublic: Number(row.is_public) === 1, status: row.status, statusName: LETTER_STATUS_LABELS[row.status],
    receivedAt: Number(row.received_at), dueAt: Number(row.due_at), attachmentCount: counts.get(Number(row.id)) ?? 0,
    citizen: maskPersonalData(openPersonalData(deps.cipher, row.query_code, row)),
    progress: await publicProgress(db, deps, row),
  };
}
