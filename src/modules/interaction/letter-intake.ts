import type { Insertable } from 'kysely';
import { inTransaction, type Db } from '../../db/index.js';
import { AppError } from '../../platform/http/error-registry.js';
import type { AuditEntry } from '../../platform/contracts.js';
import type { Actor } from '../../platform/identity/actor.js';
import { captchaKey, spendCaptcha, spendCaptchas, type VerifiedCaptcha } from './captcha.js';
import type { InteractionDeps } from './deps.js';
import { InteractionErrors } from './errors.js';
import type { LetterAttachmentsTable, LettersTable } from './interaction.tables.js';
import { insertLetter, insertLetterAttachment, insertLetters, letterByIdempotencyKey, lettersByIdempotencyKeys, queryCodesTaken, type LetterRow } from './letters.repo.js';
import type { LetterReceipt } from './operations/submit-letter.js';

/*
 * Group commit for citizens' letters. Each letter needs a transaction that ends in a durable
 * commit and an audit event, and audit events are serialised by the chain's lock: one letter
 * per transaction makes every letter wait for the previous one's lock, tail read, insert and
 * commit (PostgreSQL), or pay a whole commit of its own (SQLite). So letters that arrive while a
 * batch is being written wait for it and go together in the next one: one transaction, one
 * statement per table, one hold of the audit lock, one commit. A lone letter starts at once.
 *
 * The batch is only a faster way to do what storeLetter does one by one. Letters that could
 * interfere within a batch (the same idempotency key or the same captcha) wait for the next
 * batch, where the first one's effect is visible; if a batch fails as a whole (a query code or
 * key taken by another process in the meantime), each of its letters is stored alone instead,
 * with storeLetter's own answers (and the caller's retry on a code clash).
 */

/** A letter checked, sealed and ready to store: everything but the writes. */
export interface PreparedLetter {
  readonly siteId: number;
  readonly key: string;
  readonly captcha: VerifiedCaptcha;
  readonly actor: Actor;
  readonly row: Insertable<LettersTable>;
  readonly files: readonly Omit<Insertable<LetterAttachmentsTable>, 'letter_id'>[];
  /** The audit event, once the letter's id is known. No personal data in it. */
  readonly audit: (id: number) => AuditEntry;
  readonly receipt: LetterReceipt;
}

/** What storing a prepared letter came to: stored, or a letter with its key was there first. */
export type StoreOutcome = { readonly stored: LetterReceipt } | { readonly earlier: LetterRow };

/** Stores one prepared letter in its own transaction (the path a batch falls back to). */
export async function storeLetter(db: Db, deps: InteractionDeps, p: PreparedLetter): Promise<StoreOutcome> {
  return inTransaction(db, async (trx) => {
    await deps.ops.lockForUpdate(trx, `interaction.letter.${p.siteId}.${p.key}`);
    const earlier = await letterByIdempotencyKey(trx, p.siteId, p.key);
    if (earlier) return { earlier };
    await spendCaptcha(trx, p.captcha, Number(p.row.received_at));
    const id = await insertLetter(trx, p.row);
    for (const f of p.files) await insertLetterAttachment(trx, { ...f, letter_id: id });
    await deps.audit.append(trx, p.actor, p.audit(id));
    return { stored: p.receipt };
  });
}

/** A letter whose drawn query code another letter holds; worded as the unique index's refusal, so retryOnCodeClash takes it. */
class QueryCodeClash extends Error {
  constructor(code: string) {
    super(`letters.query_code ${code} is taken`);
  }
}

/** Enough to cover a burst on one process; the statements stay small. */
const MAX_BATCH = 64;

interface Pending {
  readonly letter: PreparedLetter;
  readonly resolve: (outcome: StoreOutcome) => void;
  readonly reject: (err: unknown) => void;
}

export interface LetterIntake {
  /** Resolves once the outcome would survive a power cut (the caller need not wait for durable() again). */
  submit(letter: PreparedLetter): Promise<StoreOutcome>;
  /** Counts since start: transactions written, letters in them, the largest batch, batches that fell back to one by one. */
  stats(): { readonly batches: number; readonly letters: number; readonly largest: number; readonly fallbacks: number };
}

const intakes = new WeakMap<Db, LetterIntake>();

/** One intake per database handle (so per process): batches are written one after another. */
export function letterIntake(db: Db, deps: InteractionDeps): LetterIntake {
  let intake = intakes.get(db);
  if (!intake) {
    intake = createIntake(db, deps);
    intakes.set(db, intake);
  }
  return intake;
}

function createIntake(db: Db, deps: InteractionDeps): LetterIntake {
  let queue: Pending[] = [];
  let draining = false;
  const counts = { batches: 0, letters: 0, largest: 0, fallbacks: 0 };

  const drain = async () => {
    draining = true;
    try {
      // Let the requests already read from their sockets in this turn of the event loop join:
      // on SQLite a transaction never waits for a server, so without this turn no two would share.
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.length > 0) {
        const { batch, rest } = takeBatch(queue);
        queue = rest;
        counts.batches++;
        counts.letters += batch.length;
        counts.largest = Math.max(counts.largest, batch.length);
        if (!(await writeBatch(db, deps, batch))) counts.fallbacks++;
      }
    } finally {
      draining = false;
    }
  };

  return {
    submit(letter) {
      return new Promise<StoreOutcome>((resolve, reject) => {
        queue.push({ letter, resolve, reject });
        if (!draining) void drain();
      });
    },
    stats: () => ({ ...counts }),
  };
}

/** Up to MAX_BATCH letters with distinct keys and captchas, in arrival order; the others wait. */
function takeBatch(queue: readonly Pending[]): { batch: Pending[]; rest: Pending[] } {
  const batch: Pending[] = [];
  const rest: Pending[] = [];
  const keys = new Set<string>();
  const captchas = new Set<string>();
  for (const p of queue) {
    const key = `${p.letter.siteId}:${p.letter.key}`;
    const captcha = captchaKey(p.letter.captcha);
    if (batch.length >= MAX_BATCH || keys.has(key) || captchas.has(captcha)) {
      rest.push(p);
      continue;
    }
    keys.add(key);
    captchas.add(captcha);
    batch.push(p);
  }
  return { batch, rest };
}

/**
 * Answers a stored letter once a sync that started after its commit is done (durable()): one
 * sync for the whole batch, not one per letter joining whichever sync is running. Not awaited,
 * so the next batch is written while this one's sync runs.
 */
function answerWhenDurable(deps: InteractionDeps, p: Pending, outcome: StoreOutcome): void {
  void deps.durable().then(() => p.resolve(outcome), p.reject);
}

async function storeAlone(db: Db, deps: InteractionDeps, p: Pending): Promise<void> {
  let outcome: StoreOutcome;
  try {
    outcome = await storeLetter(db, deps, p.letter);
  } catch (err) {
    p.reject(err);
    return;
  }
  answerWhenDurable(deps, p, outcome);
}

/** Writes the batch and settles its letters; false when it had to fall back to one by one. */
async function writeBatch(db: Db, deps: InteractionDeps, batch: readonly Pending[]): Promise<boolean> {
  if (batch.length === 1) {
    await storeAlone(db, deps, batch[0] as Pending);
    return true;
  }
  let outcomes: (StoreOutcome | Error)[];
  try {
    outcomes = await inTransaction(db, (trx) => storeBatch(trx, deps, batch.map((p) => p.letter)));
  } catch {
    // Something in the batch clashed with another writer: store each alone, with its own answer.
    for (const p of batch) await storeAlone(db, deps, p);
    return false;
  }
  batch.forEach((p, i) => {
    const o = outcomes[i];
    if (o instanceof Error || o === undefined) p.reject(o ?? new Error('letter batch lost an outcome'));
    else answerWhenDurable(deps, p, o);
  });
  return true;
}

/** storeLetter for several letters at once, inside the caller's transaction; one outcome (or refusal) per letter, in order. */
async function storeBatch(trx: Db, deps: InteractionDeps, letters: readonly PreparedLetter[]): Promise<(StoreOutcome | Error)[]> {
  const earlier = new Map<number, Map<string, LetterRow>>();
  for (const siteId of new Set(letters.map((l) => l.siteId))) {
    earlier.set(siteId, await lettersByIdempotencyKeys(trx, siteId, letters.filter((l) => l.siteId === siteId).map((l) => l.key)));
  }
  const found = (l: PreparedLetter) => earlier.get(l.siteId)?.get(l.key);
  // A query code drawn twice (6 random digits a day) would fail the whole batch's insert: such a
  // letter leaves the batch with the clash error instead, and submitLetter draws it a free code.
  const taken = await queryCodesTaken(trx, letters.map((l) => l.row.query_code));
  const codes = new Set<string>();
  const clashes = new Set<PreparedLetter>();
  for (const l of letters) {
    if (found(l)) continue;
    if (taken.has(l.row.query_code) || codes.has(l.row.query_code)) clashes.add(l);
    codes.add(l.row.query_code);
  }
  const fresh = letters.filter((l) => !found(l) && !clashes.has(l));
  const now = Math.max(...letters.map((l) => Number(l.row.received_at)));
  const spent = await spendCaptchas(trx, fresh.map((l) => l.captcha), now);
  const storing = fresh.filter((l) => spent.has(captchaKey(l.captcha)));
  const ids = await insertLetters(trx, storing.map((l) => l.row));
  const idOf = (l: PreparedLetter): number => {
    const id = ids.get(l.row.query_code);
    if (id === undefined) throw new Error(`letter ${l.row.query_code} was not inserted`);
    return id;
  };
  for (const l of storing) {
    for (const f of l.files) await insertLetterAttachment(trx, { ...f, letter_id: idOf(l) });
  }
  await deps.audit.appendMany(trx, storing.map((l) => ({ actor: l.actor, entry: l.audit(idOf(l)) })));
  return letters.map((l): StoreOutcome | Error => {
    const row = found(l);
    if (row) return { earlier: row };
    if (clashes.has(l)) return new QueryCodeClash(l.row.query_code);
    if (!spent.has(captchaKey(l.captcha))) return new AppError(InteractionErrors['interaction.captcha.used']);
    return { stored: l.receipt };
  });
}
