import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inTransaction } from '../../src/db/index.js';
import { AppError } from '../../src/platform/http/error-registry.js';
import { anonymousActor, systemActor, type Actor } from '../../src/platform/identity/actor.js';
import { hmacSm3, sm2Verify, sm3Hex } from '../../src/platform/crypto/index.js';
import {
  canonicalEventBody, checkpointMessage, createAuditService, deriveAuditChainKey, eventHash, GENESIS_HASH, verifyAuditChain,
  type AuditServiceDeps,
} from '../../src/platform/audit/index.js';
import { selectedEngines } from '../support/engines.js';
import { appendMany, eventAt, openAuditFixture, resetLog, T0, TEST_SESSION_SECRET, userActor, type AuditFixture } from './audit-fixtures.js';

for (const engine of selectedEngines()) {
  describe(`audit chain [${engine}]`, () => {
    let fx: AuditFixture;
    before(async () => { fx = await openAuditFixture(engine, { checkpointEvery: 5 }); });
    after(async () => { await fx.close(); });
    beforeEach(async () => { await resetLog(fx); fx.clock.set(T0); });

    test('events form a contiguous HMAC-SM3 chain from the genesis, hashing every stored column', async () => {
      await appendMany(fx, 7);
      const rows = await fx.dbh.db.selectFrom('audit_events').selectAll().orderBy('seq').execute();
      assert.deepEqual(rows.map((r) => r.seq), [1, 2, 3, 4, 5, 6, 7]);
      assert.equal(rows[0]?.prev_hash, GENESIS_HASH);
      for (const [i, r] of rows.entries()) {
        assert.match(r.hash, /^[0-9a-f]{64}$/);
        assert.equal(eventHash(fx.chainKey, r), r.hash, `hash of seq ${r.seq}`);
        if (i > 0) assert.equal(r.prev_hash, rows[i - 1]?.hash);
      }
      assert.deepEqual(await fx.audit.verify(fx.dbh.db), { ok: true, events: 7, checkpoints: 1 });
    });

    test('the chain is keyed: plain SM3 or another installation\'s key gives a different hash', async () => {
      assert.deepEqual(fx.chainKey, hmacSm3(TEST_SESSION_SECRET, 'jiyue/audit-chain/v1'));
      assert.equal(fx.chainKey.length, 32);
      await appendMany(fx, 1);
      const e = await eventAt(fx, 1);
      assert.equal(e.hash, hmacSm3(fx.chainKey, `${GENESIS_HASH}\n${canonicalEventBody(e)}`).toString('hex'));
      assert.notEqual(e.hash, sm3Hex(`${GENESIS_HASH}\n${canonicalEventBody(e)}`));
      assert.notEqual(e.hash, eventHash(deriveAuditChainKey(Buffer.alloc(32, 0x01)), e));
    });

    test('an audit service without a real chain key cannot be configured', () => {
      const base: Omit<AuditServiceDeps, 'chainKey'> = { ops: fx.dbh.ops, clock: fx.clock, signer: fx.keys, checkpointEvery: 5, retentionDays: 180 };
      assert.throws(() => createAuditService({ ...base, chainKey: Buffer.alloc(0) }), /chainKey/);
      assert.throws(() => createAuditService({ ...base, chainKey: Buffer.alloc(16, 1) }), /chainKey/);
      assert.throws(() => createAuditService(base as AuditServiceDeps), /chainKey/, 'a JavaScript caller that forgets the key');
    });

    test('append records time, actor, organization, target, result, ip and user agent (cut to column size)', async () => {
      fx.clock.set(T0 + 123);
      const actor = userActor('王小明', { userId: 42, orgId: null, ip: '192.168.1.20', userAgent: `UA-${'x'.repeat(600)}` });
      await inTransaction(fx.dbh.db, (trx) => fx.audit.append(trx, actor, {
        action: 'identity.user.update', result: 'denied', targetType: 'user', targetId: 9, detail: { field: 'phone' },
      }));
      const e = await eventAt(fx, 1);
      assert.equal(e.at, T0 + 123);
      assert.equal(e.actor_id, 42);
      assert.equal(e.actor_name, '王小明');
      assert.equal(e.org_id, null);
      assert.equal(e.action, 'identity.user.update');
      assert.equal(e.target_type, 'user');
      assert.equal(e.target_id, '9');
      assert.equal(e.result, 'denied');
      assert.equal(e.ip, '192.168.1.20');
      assert.equal(e.user_agent.length, 512);
      assert.ok(e.user_agent.startsWith('UA-xxx'));
      assert.deepEqual(JSON.parse(e.detail), { field: 'phone' });
    });

    test('system and anonymous actors are named, and times never go backwards along the chain', async () => {
      await inTransaction(fx.dbh.db, (trx) => fx.audit.append(trx, systemActor(''), { action: 'jobs.run', result: 'success' }));
      fx.clock.set(T0 - 60_000); // the wall clock stepped back
      await inTransaction(fx.dbh.db, (trx) => fx.audit.append(trx, anonymousActor('1.2.3.4', 'curl'), { action: 'auth.login', result: 'failure' }));
      const [a, b] = [await eventAt(fx, 1), await eventAt(fx, 2)];
      assert.equal(a.actor_name, 'system');
      assert.equal(a.actor_id, null);
      assert.equal(b.actor_name, 'anonymous');
      assert.equal(b.ip, '1.2.3.4');
      assert.equal(b.at, T0);
      assert.equal((await fx.audit.verify(fx.dbh.db)).ok, true);
    });

    test('secrets are stripped from details at every depth and never stored', async () => {
      await inTransaction(fx.dbh.db, (trx) => fx.audit.append(trx, userActor('admin'), {
        action: 'identity.user.create', result: 'success',
        detail: {
          username: 'zhang', password: 'Hunter2!', newPassword: 'S3cret!!',
          profile: { csrf_token: 'tok-123', phone: '138****0000', nested: [{ totpSecret: 'JBSWY3DP', ok: 1 }] },
          clientSecret: 'abc', note: '普通备注',
        },
      }));
      const e = await eventAt(fx, 1);
      for (const secret of ['Hunter2!', 'S3cret!!', 'tok-123', 'JBSWY3DP', 'abc"']) assert.ok(!e.detail.includes(secret), `leaked ${secret}`);
      assert.deepEqual(JSON.parse(e.detail), {
        username: 'zhang', profile: { phone: '138****0000', nested: [{ ok: 1 }] }, note: '普通备注',
      });
    });

    test('an invalid entry throws and rolls back the caller\'s whole transaction', async () => {
      const longAction = `a.${'x'.repeat(99)}`; // 101 characters
      await assert.rejects(
        inTransaction(fx.dbh.db, async (trx) => {
          await trx.insertInto('calendar_days').values({ date: '2099-01-01', kind: 'holiday', name: '测试' }).execute();
          await fx.audit.append(trx, userActor('editor1'), { action: longAction, result: 'success' });
        }),
        (err: unknown) => err instanceof AppError && err.code === 'audit.invalid_entry',
      );
      const day = await fx.dbh.db.selectFrom('calendar_days').selectAll().where('date', '=', '2099-01-01').executeTakeFirst();
      assert.equal(day, undefined, 'the caller\'s insert must be rolled back');
      const count = await fx.dbh.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
      await assert.rejects(inTransaction(fx.dbh.db, (trx) => fx.audit.append(trx, userActor('x'), { action: 'a.b', result: 'maybe' as 'success' })), AppError);
      await assert.rejects(inTransaction(fx.dbh.db, (trx) => fx.audit.append(trx, userActor('x'), { action: '', result: 'success' })), AppError);
    });

    test('an event appended in a transaction that later fails is rolled back with it', async () => {
      await appendMany(fx, 2);
      await assert.rejects(inTransaction(fx.dbh.db, async (trx) => {
        await fx.audit.append(trx, userActor('editor1'), { action: 'content.document.publish', result: 'success' });
        throw new Error('the change failed after auditing');
      }));
      await appendMany(fx, 1);
      const seqs = (await fx.dbh.db.selectFrom('audit_events').select('seq').orderBy('seq').execute()).map((r) => r.seq);
      assert.deepEqual(seqs, [1, 2, 3]);
      assert.equal((await fx.audit.verify(fx.dbh.db)).ok, true);
    });

    test('a signed periodic checkpoint is written every checkpointEvery events, and by checkpoint()', async () => {
      await appendMany(fx, 12);
      let cps = await fx.dbh.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
      assert.deepEqual(cps.map((c) => [c.seq, c.kind]), [[5, 'periodic'], [10, 'periodic']]);
      for (const cp of cps) {
        assert.equal(cp.hash, (await eventAt(fx, cp.seq)).hash);
        assert.equal(cp.public_key, fx.keys.publicKey);
        assert.ok(sm2Verify(checkpointMessage(cp.seq, cp.hash, cp.at), cp.signature, fx.keys.publicKey));
      }
      fx.clock.advance(3_600_000);
      const made = await fx.audit.checkpoint(fx.dbh.db);
      assert.deepEqual(made, { seq: 12, hash: (await eventAt(fx, 12)).hash, at: fx.clock.now() });
      assert.equal(await fx.audit.checkpoint(fx.dbh.db), null, 'nothing new to sign');
      cps = await fx.dbh.db.selectFrom('audit_checkpoints').selectAll().orderBy('seq').execute();
      assert.deepEqual(cps.map((c) => c.seq), [5, 10, 12]);
      assert.deepEqual(await fx.audit.verify(fx.dbh.db), { ok: true, events: 12, checkpoints: 3 });
    });

    test('50 concurrent appends in separate transactions never fork the chain', async () => {
      const actors: Actor[] = Array.from({ length: 50 }, (_, i) => userActor(`user${i}`, { userId: i + 1 }));
      await Promise.all(actors.map((a, i) => fx.dbh.db.transaction().execute(async (trx) => {
        await fx.audit.append(trx, a, { action: 'content.document.update', result: 'success', targetId: i });
      })));
      const seqs = (await fx.dbh.db.selectFrom('audit_events').select('seq').orderBy('seq').execute()).map((r) => r.seq);
      assert.deepEqual(seqs, Array.from({ length: 50 }, (_, i) => i + 1));
      assert.deepEqual(await fx.audit.verify(fx.dbh.db), { ok: true, events: 50, checkpoints: 10 });
    });

    test('verification streams in batches and reports progress', async () => {
      await appendMany(fx, 7);
      const calls: [number, number][] = [];
      const report = await verifyAuditChain(fx.dbh.db, {
        trustedPublicKeys: [fx.keys.publicKey], chainKey: fx.chainKey, checkpointEvery: 5, batchSize: 3, onProgress: (d, t) => calls.push([d, t]),
      });
      assert.deepEqual(report, { ok: true, events: 7, checkpoints: 1 });
      assert.deepEqual(calls, [[0, 7], [3, 7], [6, 7], [7, 7]]);
    });

    test('an empty log verifies', async () => {
      assert.deepEqual(await fx.audit.verify(fx.dbh.db), { ok: true, events: 0, checkpoints: 0 });
    });

    test('a log shorter than checkpointEvery needs no checkpoint yet', async () => {
      await appendMany(fx, 4);
      assert.deepEqual(await fx.audit.verify(fx.dbh.db), { ok: true, events: 4, checkpoints: 0 });
    });
  });
}
