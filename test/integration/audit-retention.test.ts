import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction } from '../../src/db/index.js';
import { AppError, lookupError } from '../../src/platform/http/error-registry.js';
import { systemActor } from '../../src/platform/identity/actor.js';
import { sm2Verify } from '../../src/platform/crypto/index.js';
import { checkpointMessage, createAuditService } from '../../src/platform/audit/index.js';
import { selectedEngines } from '../support/engines.js';
import { appendMany, DAY, eventAt, openAuditFixture, resetLog, T0, userActor, type AuditFixture } from './audit-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`audit retention [${engine}]`, () => {
    let fx: AuditFixture;
    const db = () => fx.dbh.db;
    const seqs = async () => (await db().selectFrom('audit_events').select('seq').orderBy('seq').execute()).map((r) => r.seq);
    before(async () => { fx = await openAuditFixture(engine, { checkpointEvery: 4, retentionDays: 180 }); });
    after(async () => { await fx.close(); });
    // 5 events on day 0, 5 more on day 100; "now" is day 200.
    beforeEach(async () => {
      await resetLog(fx);
      fx.clock.set(T0);
      await appendMany(fx, 5);
      fx.clock.set(T0 + 100 * DAY);
      await appendMany(fx, 5);
      fx.clock.set(T0 + 200 * DAY);
    });

    test('a retention period under 180 days cannot even be configured', () => {
      assert.throws(() => createAuditService({
        ops: fx.dbh.ops, clock: fx.clock, signer: fx.keys, checkpointEvery: 5, retentionDays: 179, chainKey: fx.chainKey,
      }), (err: unknown) => err instanceof RangeError && /retentionDays/.test(err.message));
    });

    test('pruning events younger than the retention period is refused and deletes nothing', async () => {
      await assert.rejects(fx.audit.prune(db(), systemActor('retention'), { olderThanDays: 90 }), (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.code, 'audit.retention_too_short');
        assert.equal(err.status, 400);
        assert.match(lookupError(err.code)?.zh ?? '', /网络安全法.*180 天/);
        assert.equal(err.params.days, 180);
        return true;
      });
      assert.deepEqual(await seqs(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.equal((await db().selectFrom('audit_checkpoints').selectAll().where('kind', '=', 'prune').execute()).length, 0);
    });

    test('only the system retention job may prune', async () => {
      await assert.rejects(fx.audit.prune(db(), userActor('auditor'), { olderThanDays: 180 }),
        (err: unknown) => err instanceof AppError && err.code === 'audit.prune_forbidden' && err.status === 403);
      assert.equal((await seqs()).length, 10);
    });

    test('pruning deletes only old events, leaves a signed anchor, is audited, and the chain still verifies', async () => {
      const five = await eventAt(fx, 5);
      const result = await fx.audit.prune(db(), systemActor('retention'), { olderThanDays: 180 });
      assert.deepEqual(result, { deleted: 5, anchorSeq: 5, cutoff: T0 + 20 * DAY });
      assert.deepEqual(await seqs(), [6, 7, 8, 9, 10, 11]);

      const anchor = await db().selectFrom('audit_checkpoints').selectAll().where('kind', '=', 'prune').executeTakeFirstOrThrow();
      assert.equal(anchor.seq, 5);
      assert.equal(anchor.hash, five.hash);
      assert.ok(sm2Verify(checkpointMessage(anchor.seq, anchor.hash, anchor.at), anchor.signature, fx.keys.publicKey));
      assert.equal((await eventAt(fx, 6)).prev_hash, anchor.hash);

      const pruneEvent = await eventAt(fx, 11);
      assert.equal(pruneEvent.action, 'audit.prune');
      assert.equal(pruneEvent.actor_name, 'retention');
      assert.equal(pruneEvent.at, T0 + 200 * DAY);
      assert.deepEqual(JSON.parse(pruneEvent.detail), { olderThanDays: 180, cutoff: T0 + 20 * DAY, deleted: 5, anchorSeq: 5 });

      // Periodic checkpoints of the pruned past (seq 4) only have their signatures checked.
      assert.deepEqual(await fx.audit.verify(db()), { ok: true, events: 6, checkpoints: 3 });
      await appendMany(fx, 3);
      assert.deepEqual(await fx.audit.verify(db()), { ok: true, events: 9, checkpoints: 4 });
    });

    test('after a prune, deleting the first remaining event or the anchor is still detected', async () => {
      await fx.audit.prune(db(), systemActor('retention'), { olderThanDays: 180 });
      await db().deleteFrom('audit_events').where('seq', '=', 6).execute();
      const r1 = await fx.audit.verify(db());
      assert.ok(!r1.ok && r1.reason === 'gap' && r1.firstBadSeq === 6, JSON.stringify(r1));

      await db().deleteFrom('audit_checkpoints').where('kind', '=', 'prune').execute();
      const r2 = await fx.audit.verify(db());
      assert.ok(!r2.ok && r2.reason === 'gap' && r2.firstBadSeq === 1, JSON.stringify(r2));
    });

    test('a pruned chain still demands a recent checkpoint: deleting the periodic ones is missing_checkpoint', async () => {
      await fx.audit.prune(db(), systemActor('retention'), { olderThanDays: 180 });
      assert.equal((await fx.audit.verify(db())).ok, true);
      // Left: the prune anchor at 5 only; the chain ends at 11 and needs a checkpoint at seq ≥ 7.
      await db().deleteFrom('audit_checkpoints').where('kind', '=', 'periodic').execute();
      const r = await fx.audit.verify(db());
      assert.ok(!r.ok && r.reason === 'missing_checkpoint' && r.firstBadSeq === 6, JSON.stringify(r));
    });

    test('repeated prunes move the anchor forward and the log stays verifiable', async () => {
      await fx.audit.prune(db(), systemActor('retention'), { olderThanDays: 180 });
      fx.clock.set(T0 + 400 * DAY);
      await appendMany(fx, 2);
      const second = await fx.audit.prune(db(), systemActor('retention'), { olderThanDays: 200 });
      assert.deepEqual(second, { deleted: 6, anchorSeq: 11, cutoff: fx.clock.now() - 200 * DAY });
      assert.deepEqual(await seqs(), [12, 13, 14]);
      assert.deepEqual(await fx.audit.verify(db()), { ok: true, events: 3, checkpoints: 5 });
    });

    test('a prune with nothing old enough deletes nothing but is still audited', async () => {
      const result = await fx.audit.prune(db(), systemActor('retention'), { olderThanDays: 365 });
      assert.deepEqual(result, { deleted: 0, anchorSeq: null, cutoff: T0 + 200 * DAY - 365 * DAY });
      assert.deepEqual(await seqs(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
      assert.equal((await eventAt(fx, 11)).action, 'audit.prune');
      assert.equal((await fx.audit.verify(db())).ok, true);
    });

    test('a prune never deletes a young event, even one with a lower seq than an old one', async () => {
      // Event 3 carries a young time (as if the clock had jumped): pruning must stop before it.
      await resetLog(fx);
      fx.clock.set(T0);
      await appendMany(fx, 2);
      fx.clock.set(T0 + 150 * DAY);
      await appendMany(fx, 1);
      fx.clock.set(T0 + 200 * DAY);
      const r = await fx.audit.prune(db(), systemActor('retention'), { olderThanDays: 180 });
      assert.equal(r.anchorSeq, 2);
      assert.deepEqual(await seqs(), [3, 4]);
      assert.equal((await fx.audit.verify(db())).ok, true);
    });

    test('a prune refuses to destroy tampered events (the evidence is kept)', async () => {
      await db().updateTable('audit_events').set({ result: 'failure' }).where('seq', '=', 2).execute();
      await assert.rejects(fx.audit.prune(db(), systemActor('retention'), { olderThanDays: 180 }),
        (err: unknown) => err instanceof AppError && err.code === 'audit.chain_broken' && err.params.seq === 2);
      assert.deepEqual(await seqs(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    test('a prune inside a failing transaction rolls back completely', async () => {
      await assert.rejects(inTransaction(db(), async (trx) => {
        await fx.audit.prune(trx, systemActor('retention'), { olderThanDays: 180 });
        throw new Error('later step failed');
      }));
      assert.deepEqual(await seqs(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.equal((await db().selectFrom('audit_checkpoints').selectAll().where('kind', '=', 'prune').execute()).length, 0);
    });
  });
}
