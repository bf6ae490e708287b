/**
 * Audit events appended per second (each in its own transaction, as a request does), against
 * plain inserts of the same row shape into a scratch copy of audit_events (same columns and
 * indexes, no chain lock, no tail read, no SM3 hash, no checkpoints), interleaved.
 */
import type { Engine } from '../src/db/index.js';
import { inTransaction } from '../src/db/index.js';
import { withId, bigint, notNull } from '../src/db/migration-kit.js';
import type { AuditEventsTable } from '../src/platform/audit/audit.tables.js';
import type { AuditEntry } from '../src/platform/contracts.js';
import type { Actor } from '../src/platform/identity/actor.js';
import type { Platform } from '../src/platform/platform.js';
import { createTestDatabase } from '../test/support/engines.js';
import type { BenchOptions, BenchResult } from './lib/figure.js';
import { createBenchPlatform } from './lib/bench-server.js';
import { median, opsPerSecond } from './lib/stats.js';

export const AUDIT_GOAL_RATIO = 0.3;
const SCRATCH = 'bench_audit_scratch';
type ScratchDb = { [SCRATCH]: AuditEventsTable };

const actor: Actor = {
  kind: 'user', userId: 1, username: 'bench_editor', displayName: '压测编辑', orgId: 1, grants: [], sessionId: 1,
  ip: '127.0.0.1', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) jiyue-bench',
};

function entry(i: number): AuditEntry {
  return {
    action: 'content.document.publish', result: 'success', targetType: 'document', targetId: i,
    detail: { title: '关于做好2026年度政府网站工作年度报表发布工作的通知', siteCode: '3200000024', edition: 2 },
  };
}

/** The row an append of entry(i) writes, with fixed hashes: what the database does without the chain. */
function plainRow(seq: number) {
  const e = entry(seq);
  return {
    seq, at: Date.now(), actor_id: actor.userId, actor_name: actor.username, org_id: actor.orgId, action: e.action,
    target_type: e.targetType ?? null, target_id: String(e.targetId), result: e.result, ip: actor.ip, user_agent: actor.userAgent,
    detail: JSON.stringify(e.detail), prev_hash: '0'.repeat(64), hash: 'f'.repeat(64),
  };
}

async function createScratchTable(platform: Platform): Promise<void> {
  const db = platform.db.withTables<ScratchDb>();
  // Same columns and indexes as audit_events (migration 20261126_0001), so index upkeep is in the baseline too.
  await withId(db.schema.createTable(SCRATCH), platform.dbh.engine)
    .addColumn('seq', bigint, (c) => c.notNull().unique())
    .addColumn('at', bigint, notNull)
    .addColumn('actor_id', bigint)
    .addColumn('actor_name', 'varchar(100)', notNull)
    .addColumn('org_id', bigint)
    .addColumn('action', 'varchar(100)', notNull)
    .addColumn('target_type', 'varchar(64)')
    .addColumn('target_id', 'varchar(128)')
    .addColumn('result', 'varchar(16)', notNull)
    .addColumn('ip', 'varchar(64)', notNull)
    .addColumn('user_agent', 'varchar(512)', notNull)
    .addColumn('detail', 'text', notNull)
    .addColumn('prev_hash', 'varchar(64)', notNull)
    .addColumn('hash', 'varchar(64)', notNull)
    .execute();
  await db.schema.createIndex(`${SCRATCH}_at_idx`).on(SCRATCH).column('at').execute();
  await db.schema.createIndex(`${SCRATCH}_actor_idx`).on(SCRATCH).columns(['actor_id', 'at']).execute();
  await db.schema.createIndex(`${SCRATCH}_action_idx`).on(SCRATCH).columns(['action', 'at']).execute();
}

export async function benchAuditAppend(opts: BenchOptions, engine: Engine): Promise<BenchResult> {
  const tdb = await createTestDatabase(engine);
  let platform: Platform | null = null;
  try {
    platform = await createBenchPlatform(tdb);
    const p = platform;
    await createScratchTable(p);
    let seq = 0;
    const insertPlain = () => inTransaction(p.db, (trx) => trx.withTables<ScratchDb>().insertInto(SCRATCH).values(plainRow(++seq)).execute());
    const append = (i: number) => inTransaction(p.db, (trx) => p.audit.append(trx, actor, entry(i)));
    // Warm up both paths (statement caches, JIT) outside the timed runs.
    for (let i = 0; i < 200; i++) {
      await insertPlain();
      await append(i);
    }
    const seconds = opts.quick ? 0.5 : 3;
    const appends: number[] = [];
    const inserts: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      let a: number;
      let b: number;
      if (round % 2 === 0) {
        b = await opsPerSecond(seconds, insertPlain);
        a = await opsPerSecond(seconds, append);
      } else {
        a = await opsPerSecond(seconds, append);
        b = await opsPerSecond(seconds, insertPlain);
      }
      appends.push(a);
      inserts.push(b);
      ratios.push(a / b);
      opts.log(`audit [${engine}] round ${round + 1}: ${a.toFixed(0)} appends/s, ${b.toFixed(0)} plain inserts/s`);
    }
    const verify = await p.audit.verify(p.db);
    const ratio = median(ratios);
    return {
      figures: [{
        name: `audit appends, 1 writer, 1 event per transaction [${engine}]`,
        value: median(appends), unit: 'events/s',
        baseline: { value: median(inserts), unit: 'rows/s', label: 'plain insert, same row shape' },
        ratio, goal: `ratio ≥ ${AUDIT_GOAL_RATIO}`,
        pass: verify.ok && ratio >= AUDIT_GOAL_RATIO,
      }],
      notes: [
        `audit [${engine}]: sequential appends through platform.audit.append with the default checkpoint interval (${p.config.auditCheckpointEvery}); chain verified afterwards: ${verify.ok ? 'ok' : 'BROKEN'}`,
      ],
    };
  } finally {
    await platform?.close();
    await tdb.drop();
  }
}
