/**
 * Writes letters in bulk with their handling history, for generating a province's history
 * (`jiyue generate`): personal data, private bodies and private replies sealed with SM4 exactly
 * as submitLetter and the reply do, query codes unique per day, query passwords hashed as at
 * submission (and thrown away: nobody can look a generated letter up). The path a letter took
 * to its status follows the workflow table, one history row per step. Nothing is audited one
 * by one; the caller audits the generation as a whole.
 */
import type { Db, DialectOps } from '../../db/index.js';
import type { BulkColumn, BulkValue } from '../../db/dialect/index.js';
import { dayOfInstant, ymdOfDay } from '../../platform/calendar/index.js';
import { randomToken, type FieldCipher } from '../../platform/crypto/index.js';
import type { LetterStatus, Satisfaction } from './interaction.tables.js';
import type { CleanLetter } from './validate-letter.js';
import { WORKFLOW, type WorkflowAction } from './letter-workflow.js';
import { personalAad, sealPersonalData } from './personal-data.js';
import { hashQueryPassword } from './query-password.js';

/** The actions that brought a letter to each status, in order (the usual path). */
export const LETTER_PATHS: Readonly<Record<LetterStatus, readonly WorkflowAction[]>> = {
  received: [],
  accepted: ['accept'],
  assigned: ['accept', 'assign'],
  reviewing: ['accept', 'assign', 'draft_reply'],
  supplementing: ['request_supplement'],
  replied: ['accept', 'assign', 'draft_reply', 'approve_reply'],
  closed: ['accept', 'assign', 'draft_reply', 'approve_reply', 'rate'],
  refused: ['refuse'],
  merged: ['merge'],
};

/** A letter as a citizen wrote it (CleanLetter), where it stands, and what happened to it. */
export interface BulkLetter extends CleanLetter {
  readonly siteId: number;
  readonly status: LetterStatus;
  readonly receivedAt: number;
  readonly dueAt: number;
  /** When each action of LETTER_PATHS[status] happened (same length, increasing, after receivedAt). */
  readonly stepTimes: readonly number[];
  /** The handling unit a letter is routed to (from `assign` on). */
  readonly handlingOrgId: number;
  /** Reason of a refusal, merge or request for supplement; reply text from draft_reply on. */
  readonly reason: string;
  readonly replyText: string | null;
  readonly satisfaction: Satisfaction | null;
  /** A public, replied letter shown on the site from this time. */
  readonly publishedAt: number | null;
}

const LETTER_COLUMNS: readonly BulkColumn[] = [
  ['id', 'bigint'], ['site_id', 'bigint'], ['mailbox_id', 'bigint'], ['query_code', 'text'], ['query_password_hash', 'text'], ['letter_type', 'text'],
  ['is_public', 'int'], ['subject', 'text'], ['body', 'text'], ['name_enc', 'text'], ['phone_enc', 'text'], ['email_enc', 'text'],
  ['id_number_enc', 'text'], ['address_enc', 'text'], ['status', 'text'], ['idempotency_key', 'text'], ['received_at', 'bigint'], ['due_at', 'bigint'],
  ['lookup_failures', 'int'], ['handling_org_id', 'bigint'], ['merged_into_id', 'bigint'], ['accepted_at', 'bigint'], ['assigned_at', 'bigint'],
  ['paused_at', 'bigint'], ['paused_from_status', 'text'], ['reply_text', 'text'], ['reply_drafted_at', 'bigint'], ['replied_at', 'bigint'],
  ['published_at', 'bigint'], ['satisfaction', 'text'], ['rated_at', 'bigint'],
];

const HISTORY_COLUMNS: readonly BulkColumn[] = [
  ['letter_id', 'bigint'], ['action', 'text'], ['from_status', 'text'], ['to_status', 'text'], ['actor_kind', 'text'], ['actor_name', 'text'],
  ['org_id', 'bigint'], ['reason', 'text'], ['at', 'bigint'],
];

/** Query codes `yyyymmdd` + 6 digits: the n-th letter of a day gets a permutation of n (7919 is prime to 10⁶), so codes never repeat. */
function queryCodeOf(receivedAt: number, n: number): string {
  return `${ymdOfDay(dayOfInstant(receivedAt)).replace(/-/g, '')}${String((n * 7919 + 104_729) % 1_000_000).padStart(6, '0')}`;
}

export interface LetterBulkWriter {
  write(trx: Db, letters: readonly BulkLetter[]): Promise<void>;
  finish(trx: Db): Promise<{ letters: number; history: number }>;
}

export async function openLetterBulkWriter(db: Db, deps: { ops: DialectOps; cipher: FieldCipher; queryKey: Buffer }): Promise<LetterBulkWriter> {
  const max = await db.selectFrom('letters').select((eb) => eb.fn.max('id').as('m')).executeTakeFirst();
  let nextId = Number(max?.m ?? 0) + 1;
  /** Letters written per day (for query codes) and the last letter per site (what a merged letter joins). */
  const perDay = new Map<number, number>();
  const lastOfSite = new Map<number, number>();
  let letters = 0;
  let history = 0;
  return {
    async write(trx, batch) {
      const rows: BulkValue[][] = [];
      const steps: BulkValue[][] = [];
      for (const l of batch) {
        const id = nextId++;
        const day = dayOfInstant(l.receivedAt);
        const n = perDay.get(day) ?? 0;
        perDay.set(day, n + 1);
        const code = queryCodeOf(l.receivedAt, n);
        const sealed = sealPersonalData(deps.cipher, code, l.personal);
        const privately = (field: string, text: string) => (l.isPublic ? text : deps.cipher.encrypt(text, personalAad(code, field)));
        const path = LETTER_PATHS[l.status];
        const at = (action: WorkflowAction) => { const i = path.indexOf(action); return i < 0 ? null : (l.stepTimes[i] ?? null); };
        const replied = at('approve_reply');
        rows.push([
          id, l.siteId, l.mailboxId, code, hashQueryPassword(deps.queryKey, code, randomToken(8)), l.letterType, l.isPublic ? 1 : 0, l.subject,
          privately('body', l.body), sealed.name_enc, sealed.phone_enc, sealed.email_enc, sealed.id_number_enc, sealed.address_enc, l.status,
          `gen-${code}`, l.receivedAt, l.dueAt, 0, at('assign') === null ? null : l.handlingOrgId,
          l.status === 'merged' ? (lastOfSite.get(l.siteId) ?? null) : null, at('accept'), at('assign'),
          at('request_supplement'), l.status === 'supplementing' ? 'received' : null,
          l.replyText === null || at('draft_reply') === null ? null : privately('reply', l.replyText), at('draft_reply'), replied,
          replied !== null && l.isPublic ? l.publishedAt : null, at('rate') === null ? null : l.satisfaction, at('rate'),
        ]);
        let from: LetterStatus = 'received';
        path.forEach((action, i) => {
          const to = WORKFLOW[action].to ?? from;
          const byCitizen = WORKFLOW[action].role === 'citizen';
          const reason = WORKFLOW[action].reasonRequired ? l.reason : '';
          steps.push([id, action, from, to, byCitizen ? 'anonymous' : 'system', byCitizen ? '来信人' : '办理人员', action === 'assign' ? l.handlingOrgId : null, reason, l.stepTimes[i] ?? l.receivedAt]);
          from = to;
        });
        if (l.status !== 'merged') lastOfSite.set(l.siteId, id);
      }
      await deps.ops.insertMany(trx, { table: 'letters', columns: LETTER_COLUMNS, rows });
      await deps.ops.insertMany(trx, { table: 'letter_history', columns: HISTORY_COLUMNS, rows: steps });
      letters += rows.length;
      history += steps.length;
    },
    async finish(trx) {
      await deps.ops.afterExplicitIds(trx, 'letters');
      return { letters, history };
    },
  };
}
