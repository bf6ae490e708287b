/**
 * Letters written straight into the database in any state and at any time (received, replied,
 * published, rated), for the published-letter pages and the statistics: the workflow itself is
 * tested elsewhere, here only the outcome matters.
 */
import { randomInt } from 'node:crypto';
import type { TestContext } from './platform.js';
import { ensureSiteMailbox, interactionDeps, type LetterType } from '../../src/modules/interaction/index.js';
import type { LetterStatus, Satisfaction } from '../../src/modules/interaction/interaction.tables.js';
import { sealPersonalData } from '../../src/modules/interaction/personal-data.js';
import { sealText } from '../../src/modules/interaction/letter-transitions.js';
import { getSite } from '../../src/modules/sites/index.js';
import { PLANTED } from './letter-fixtures.js';

let n = 0;

export interface LetterRow {
  readonly siteId?: number;
  readonly mailboxId?: number;
  readonly letterType?: LetterType;
  readonly isPublic?: boolean;
  readonly status: LetterStatus;
  readonly subject?: string;
  readonly body?: string;
  readonly reply?: string;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly acceptedAt?: number;
  readonly repliedAt?: number;
  readonly publishedAt?: number;
  readonly satisfaction?: Satisfaction;
  readonly handlingOrgId?: number;
}

export async function insertLetter(ctx: Pick<TestContext, 'platform'>, l: LetterRow): Promise<number> {
  const db = ctx.platform.db;
  const deps = interactionDeps(ctx.platform);
  const site = await getSite(db, l.siteId ?? 1);
  if (!site) throw new Error('site missing');
  const mailboxId = l.mailboxId ?? (await ensureSiteMailbox(db, deps, site)).id;
  const queryCode = `8${String(n++).padStart(6, '0')}${String(randomInt(0, 1e7)).padStart(7, '0')}`;
  const isPublic = l.isPublic ?? false;
  const seal = (text: string, field: 'body' | 'reply') => sealText(deps, { is_public: isPublic ? 1 : 0, query_code: queryCode }, field, text);
  const { id } = await db.insertInto('letters').values({
    site_id: site.id, mailbox_id: mailboxId, query_code: queryCode, query_password_hash: 'x', letter_type: l.letterType ?? 'consultation',
    is_public: isPublic ? 1 : 0, subject: l.subject ?? '关于办事的咨询', body: seal(l.body ?? '请问怎么办理？', 'body'),
    ...sealPersonalData(deps.cipher, queryCode, PLANTED), status: l.status, idempotency_key: `row-${queryCode}`,
    received_at: l.receivedAt, due_at: l.dueAt, lookup_failures: 0, lookup_locked_until: null,
    accepted_at: l.acceptedAt ?? null, replied_at: l.repliedAt ?? null, published_at: l.publishedAt ?? null,
    reply_text: l.reply === undefined ? null : seal(l.reply, 'reply'), satisfaction: l.satisfaction ?? null,
    rated_at: l.satisfaction === undefined ? null : (l.repliedAt ?? l.receivedAt), handling_org_id: l.handlingOrgId ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(id);
}
