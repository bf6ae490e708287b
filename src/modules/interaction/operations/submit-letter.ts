import type { Db } from '../../../db/index.js';
import { randomToken } from '../../../platform/crypto/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { SiteView } from '../../sites/index.js';
import { checkCaptcha, type VerifiedCaptcha } from '../captcha.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import type { LetterType } from '../interaction.tables.js';
import { checkLetterFiles, neutralFileName, type UploadedFile } from '../letter-files.js';
import { letterIntake, storeLetter, type PreparedLetter } from '../letter-intake.js';
import { letterByIdempotencyKey, queryCodeTaken, type LetterRow } from '../letters.repo.js';
import { getMailbox, getMailboxCached } from '../mailboxes.repo.js';
import { sealPersonalData, personalAad } from '../personal-data.js';
import { freshQueryCode, newQueryCode, newQueryPassword, retryOnCodeClash } from '../query-credentials.js';
import { hashQueryPassword } from '../query-password.js';
import { checkIdempotencyKey, validateLetter, type LetterText } from '../validate-letter.js';

export interface SubmitLetterInput extends LetterText {
  /** The base64 ALTCHA payload. */
  readonly altcha?: string | undefined;
  /** From the form's hidden field or the Idempotency-Key header; one is made up when absent. */
  readonly idempotencyKey?: string | undefined;
  readonly attachments: readonly UploadedFile[];
}

export interface LetterReceipt {
  readonly queryCode: string;
  /** Shown once, on the first answer; null when a repeated submit found the letter already there. */
  readonly queryPassword: string | null;
  readonly duplicate: boolean;
  readonly mailboxName: string;
  readonly letterType: LetterType;
  readonly receivedAt: number;
  readonly dueAt: number;
}

export async function receiptOf(db: Db, row: LetterRow): Promise<LetterReceipt> {
  const mailbox = await getMailbox(db, Number(row.mailbox_id));
  return {
    queryCode: row.query_code, queryPassword: null, duplicate: true, mailboxName: mailbox?.name ?? '',
    letterType: row.letter_type, receivedAt: Number(row.received_at), dueAt: Number(row.due_at),
  };
}

/**
 * A citizen's letter to one of the site's mailboxes: validate the fields and files, check the
 * captcha, then store it: spend the captcha, store the letter (personal data and private bodies
 * sealed with SM4) and its files, and audit, all in one transaction — shared with the other
 * letters arriving at the same moment (letter-intake.ts). Nothing is stored when any step
 * refuses. A repeated submit (same idempotency key) is answered with the first letter. Two
 * letters that draw the same query code: the one whose insert loses (nothing of it stored)
 * starts again, alone, with a code checked to be free.
 */
export async function submitLetter(args: { db: Db; actor: Actor; site: SiteView; input: SubmitLetterInput; deps: InteractionDeps }): Promise<LetterReceipt> {
  let attempt = 0;
  const { receipt, durable } = await retryOnCodeClash('letters', () => submitOnce(args, ++attempt > 1));
  // A receipt promises the letter is kept (a repeat's too: its first may still be in flight):
  // answer only once the commit would survive a power cut. The intake answers after its sync.
  if (!durable) await args.deps.durable();
  return receipt;
}

async function submitOnce(args: { db: Db; actor: Actor; site: SiteView; input: SubmitLetterInput; deps: InteractionDeps }, alone: boolean): Promise<{ receipt: LetterReceipt; durable: boolean }> {
  const { db, input, deps } = args;
  const key = input.idempotencyKey === undefined || input.idempotencyKey === '' ? randomToken(24) : checkIdempotencyKey(input.idempotencyKey);
  let prepared: PreparedLetter;
  try {
    prepared = await prepareLetter(args, key, alone);
  } catch (err) {
    if (err instanceof EarlierLetter) return { receipt: await receiptOf(db, err.row), durable: false };
    throw err;
  }
  const viaIntake = !alone && !db.isTransaction;
  const outcome = viaIntake ? await letterIntake(db, deps).submit(prepared) : await storeLetter(db, deps, prepared);
  return { receipt: 'stored' in outcome ? outcome.stored : await receiptOf(db, outcome.earlier), durable: viaIntake };
}

async function prepareLetter({ db, actor, site, input, deps }: { db: Db; actor: Actor; site: SiteView; input: SubmitLetterInput; deps: InteractionDeps }, key: string, checkCode: boolean): Promise<PreparedLetter> {
  const letter = validateLetter(input);
  const files = checkLetterFiles(input.attachments, deps.attachmentMaxBytes);
  const now = deps.clock.now();
  let captcha: VerifiedCaptcha;
  try {
    captcha = await checkCaptcha(deps.captcha, input.altcha, now);
  } catch (err) {
    // The second of a double submit carries the first one's captcha, which may have expired
    // since: a letter already stored under the key is the answer, not the captcha's refusal.
    const earlier = await letterByIdempotencyKey(db, site.id, key);
    if (earlier) throw new EarlierLetter(earlier);
    throw err;
  }
  const mailbox = await getMailboxCached(db, letter.mailboxId);
  if (!mailbox || mailbox.siteId !== site.id || !mailbox.isEnabled) throw new AppError(InteractionErrors['interaction.mailbox.unavailable']);
  const dueAt = await deps.calendar.addWorkingDays(now, mailbox.deadlineDays);
  // The first step, central acceptance (受理), has its own shorter deadline.
  const stepDueAt = Math.min(dueAt, await deps.calendar.addWorkingDays(now, mailbox.acceptDays));
  const password = newQueryPassword();
  // The unique index settles a clash; only a retry pays for a look-up first.
  const code = checkCode ? await freshQueryCode(now, (c) => queryCodeTaken(db, c)) : newQueryCode(now);
  const sealed = sealPersonalData(deps.cipher, code, letter.personal);
  const body = letter.isPublic ? letter.body : deps.cipher.encrypt(letter.body, personalAad(code, 'body'));
  return {
    siteId: site.id, key, captcha, actor,
    row: {
      site_id: site.id, mailbox_id: mailbox.id, query_code: code, query_password_hash: hashQueryPassword(deps.queryKey, code, password), letter_type: letter.letterType,
      is_public: letter.isPublic ? 1 : 0, subject: letter.subject, body, ...sealed, status: 'received', idempotency_key: key,
      received_at: now, due_at: dueAt, step_due_at: stepDueAt, lookup_failures: 0, lookup_locked_until: null,
    },
    files: files.map((f, i) => ({
      // The name as uploaded may itself be personal (a name, a phone number): sealed like the bytes.
      file_name: neutralFileName(f.fileName, i), file_name_enc: deps.cipher.encrypt(f.fileName, personalAad(code, `attachment.${i}.name`)),
      mime: f.mime, size: f.bytes.length, created_at: now,
      content_enc: deps.cipher.encrypt(f.bytes.toString('base64'), personalAad(code, `attachment.${i}`)),
    })),
    // No personal data in the audit trail: the code, where it went, what kind.
    audit: (id) => ({
      action: 'interaction.letter.submit', result: 'success', targetType: 'letter', targetId: id,
      detail: { siteId: site.id, mailboxId: mailbox.id, queryCode: code, letterType: letter.letterType, isPublic: letter.isPublic, attachments: files.length, dueAt },
    }),
    receipt: { queryCode: code, queryPassword: password, duplicate: false, mailboxName: mailbox.name, letterType: letter.letterType, receivedAt: now, dueAt },
  };
}

/** Thrown by prepareLetter when the key's letter is already stored: submitOnce answers with it. */
class EarlierLetter extends Error {
  constructor(readonly row: LetterRow) {
    super('a letter with this idempotency key is already stored');
  }
}
