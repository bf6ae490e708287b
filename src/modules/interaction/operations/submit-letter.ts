import { inTransaction, type Db } from '../../../db/index.js';
import { randomToken } from '../../../platform/crypto/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import type { SiteView } from '../../sites/index.js';
import { checkCaptcha, spendCaptcha } from '../captcha.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import type { LetterType } from '../interaction.tables.js';
import { checkLetterFiles, type UploadedFile } from '../letter-files.js';
import { insertLetter, insertLetterAttachment, letterByIdempotencyKey, queryCodeTaken, type LetterRow } from '../letters.repo.js';
import { getMailbox } from '../mailboxes.repo.js';
import { sealPersonalData, personalAad } from '../personal-data.js';
import { freshQueryCode, newQueryPassword, retryOnCodeClash } from '../query-credentials.js';
import { hashQueryPassword } from '../query-password.js';
import { checkIdempotencyKey, validateLetter, type LetterText } from '../validate-letter.js';
import { ensureSiteMailbox } from './mailboxes.js';

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

async function receiptOf(db: Db, row: LetterRow, password: string | null): Promise<LetterReceipt> {
  const mailbox = await getMailbox(db, Number(row.mailbox_id));
  return {
    queryCode: row.query_code, queryPassword: password, duplicate: password === null, mailboxName: mailbox?.name ?? '',
    letterType: row.letter_type, receivedAt: Number(row.received_at), dueAt: Number(row.due_at),
  };
}

/**
 * A citizen's letter to one of the site's mailboxes: validate the fields and files, answer a
 * repeated submit with the first letter, check the captcha, then in one transaction spend the
 * captcha, store the letter (personal data and private bodies sealed with SM4) and its files,
 * and audit. Nothing is stored when any step refuses. Two letters that draw the same query code
 * at once: the one whose insert loses (nothing of it stored) starts again with a new code.
 */
export async function submitLetter(args: { db: Db; actor: Actor; site: SiteView; input: SubmitLetterInput; deps: InteractionDeps }): Promise<LetterReceipt> {
  const receipt = await retryOnCodeClash('letters', () => submitOnce(args));
  // A receipt promises the letter is kept (a repeat's too: its first may still be in flight):
  // answer only once the commit would survive a power cut.
  await args.deps.durable();
  return receipt;
}

async function submitOnce({ db, actor, site, input, deps }: { db: Db; actor: Actor; site: SiteView; input: SubmitLetterInput; deps: InteractionDeps }): Promise<LetterReceipt> {
  const letter = validateLetter(input);
  const files = checkLetterFiles(input.attachments, deps.attachmentMaxBytes);
  const key = input.idempotencyKey === undefined || input.idempotencyKey === '' ? randomToken(24) : checkIdempotencyKey(input.idempotencyKey);
  // The second of a double submit carries the captcha the first one spent: find the letter before checking it.
  const earlier = await letterByIdempotencyKey(db, site.id, key);
  if (earlier) return receiptOf(db, earlier, null);
  const now = deps.clock.now();
  const captcha = await checkCaptcha(deps.captcha, input.altcha, now);
  await ensureSiteMailbox(db, deps, site);
  const mailbox = await getMailbox(db, letter.mailboxId);
  if (!mailbox || mailbox.siteId !== site.id || !mailbox.isEnabled) throw new AppError(InteractionErrors['interaction.mailbox.unavailable']);
  // Slow or calendar-reading work stays outside the transaction (SQLite has one connection).
  const dueAt = await deps.calendar.addWorkingDays(now, mailbox.deadlineDays);
  // The first step, central acceptance (受理), has its own shorter deadline.
  const stepDueAt = Math.min(dueAt, await deps.calendar.addWorkingDays(now, mailbox.acceptDays));
  const password = newQueryPassword();
  const code = await freshQueryCode(now, (c) => queryCodeTaken(db, c));
  const passwordHash = hashQueryPassword(deps.queryKey, code, password);
  const sealed = sealPersonalData(deps.cipher, code, letter.personal);
  const body = letter.isPublic ? letter.body : deps.cipher.encrypt(letter.body, personalAad(code, 'body'));
  const sealedFiles = files.map((f, i) => ({ ...f, contentEnc: deps.cipher.encrypt(f.bytes.toString('base64'), personalAad(code, `attachment.${i}`)) }));

  return inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, `interaction.letter.${site.id}.${key}`);
    const raced = await letterByIdempotencyKey(trx, site.id, key);
    if (raced) return receiptOf(trx, raced, null);
    await spendCaptcha(trx, captcha, now);
    const id = await insertLetter(trx, {
      site_id: site.id, mailbox_id: mailbox.id, query_code: code, query_password_hash: passwordHash, letter_type: letter.letterType,
      is_public: letter.isPublic ? 1 : 0, subject: letter.subject, body, ...sealed, status: 'received', idempotency_key: key,
      received_at: now, due_at: dueAt, step_due_at: stepDueAt, lookup_failures: 0, lookup_locked_until: null,
    });
    for (const f of sealedFiles) {
      await insertLetterAttachment(trx, { letter_id: id, file_name: f.fileName, mime: f.mime, size: f.bytes.length, content_enc: f.contentEnc, created_at: now });
    }
    // No personal data in the audit trail: the code, where it went, what kind.
    await deps.audit.append(trx, actor, {
      action: 'interaction.letter.submit', result: 'success', targetType: 'letter', targetId: id,
      detail: { siteId: site.id, mailboxId: mailbox.id, queryCode: code, letterType: letter.letterType, isPublic: letter.isPublic, attachments: files.length, dueAt },
    });
    return { queryCode: code, queryPassword: password, duplicate: false, mailboxName: mailbox.name, letterType: letter.letterType, receivedAt: now, dueAt };
  });
}
