import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditVerifyCommand } from '../../src/cli/audit-command.js';
import { generateSm2KeyPair, sm2Sign, sm3Hex } from '../../src/platform/crypto/index.js';
import {
  canonicalEventBody, checkpointMessage, deriveAuditChainKey, eventHash, REASON_LABELS, type AuditVerifyReport, type HashedEventFields,
} from '../../src/platform/audit/index.js';
import { selectedEngines } from '../support/engines.js';
import { appendMany, eventAt, openAuditFixture, resetLog, T0, type AuditFixture } from './audit-fixtures.js';

// How a forger without the chain key recomputes an event hash: SM3 as before the chain was
// keyed, or HMAC-SM3 under a key of their own.
const plainSm3 = (e: HashedEventFields): string => sm3Hex(`${e.prev_hash}\n${canonicalEventBody(e)}`);
const otherKey = (e: HashedEventFields): string => eventHash(deriveAuditChainKey(Buffer.alloc(32, 0x01)), e);
const forgers: [string, (e: HashedEventFields) => string][] = [['plain SM3', plainSm3], ['another installation\'s key', otherKey]];

function assertBad(report: AuditVerifyReport, seq: number, reason: string, id?: number | null): void {
  assert.equal(report.ok, false, 'tampering must be detected');
  if (report.ok) return;
  assert.equal(report.firstBadSeq, seq, report.message);
  assert.equal(report.reason, reason, report.message);
  if (id !== undefined) assert.equal(report.firstBadId, id);
  assert.ok(report.message.length > 0);
}

for (const engine of selectedEngines()) {
  describe(`audit tamper detection [${engine}]`, () => {
    let fx: AuditFixture;
    const db = () => fx.dbh.db;
    const verify = () => fx.audit.verify(db());
    const cliOpts = () => ({ trustedPublicKeys: [fx.keys.publicKey], chainKey: fx.chainKey, checkpointEvery: 5 });
    before(async () => { fx = await openAuditFixture(engine, { checkpointEvery: 5 }); });
    after(async () => { await fx.close(); });
    // 10 events, signed checkpoints at seq 5 and 10.
    beforeEach(async () => { await resetLog(fx); fx.clock.set(T0); await appendMany(fx, 10); });

    test('an intact log verifies', async () => {
      assert.deepEqual(await verify(), { ok: true, events: 10, checkpoints: 2 });
    });

    test('editing the result of an event is detected at that event', async () => {
      const e = await eventAt(fx, 4);
      await db().updateTable('audit_events').set({ result: 'failure' }).where('seq', '=', 4).execute();
      assertBad(await verify(), 4, 'hash_mismatch', e.id);
    });

    test('editing the detail of an event is detected', async () => {
      await db().updateTable('audit_events').set({ detail: '{"n":99}' }).where('seq', '=', 7).execute();
      assertBad(await verify(), 7, 'hash_mismatch');
    });

    const edits: [string, Record<string, unknown>, string][] = [
      ['at (later)', { at: T0 + 4001 }, 'hash_mismatch'],
      ['at (before the previous event)', { at: T0 }, 'order'],
      ['actor_id', { actor_id: 1 }, 'hash_mismatch'],
      ['actor_name', { actor_name: 'someone_else' }, 'hash_mismatch'],
      ['org_id', { org_id: 3 }, 'hash_mismatch'],
      ['action', { action: 'content.document.view' }, 'hash_mismatch'],
      ['target_type', { target_type: null }, 'hash_mismatch'],
      ['target_id', { target_id: '1' }, 'hash_mismatch'],
      ['ip', { ip: '8.8.8.8' }, 'hash_mismatch'],
      ['user_agent', { user_agent: 'other' }, 'hash_mismatch'],
      ['prev_hash', { prev_hash: 'f'.repeat(64) }, 'broken_link'],
      ['hash', { hash: 'e'.repeat(64) }, 'hash_mismatch'],
    ];
    for (const [column, set, reason] of edits) {
      test(`editing ${column} is detected`, async () => {
        await db().updateTable('audit_events').set(set).where('seq', '=', 4).execute();
        assertBad(await verify(), 4, reason);
      });
    }

    test('deleting an event in the middle leaves a gap', async () => {
      await db().deleteFrom('audit_events').where('seq', '=', 5).execute();
      assertBad(await verify(), 5, 'gap', null);
    });

    test('deleting the last event is caught by the signed checkpoint beyond the tail', async () => {
      await appendMany(fx, 2);
      await fx.audit.checkpoint(db()); // the hourly job signs seq 12
      await db().deleteFrom('audit_events').where('seq', '=', 12).execute();
      assertBad(await verify(), 12, 'gap', null);
    });

    test('deleting the first events is detected', async () => {
      await db().deleteFrom('audit_events').where('seq', '<=', 2).execute();
      assertBad(await verify(), 1, 'gap', null);
    });

    test('an inserted fake event with a well-formed hash but a wrong link is detected', async () => {
      const tail = await eventAt(fx, 10);
      const fake = {
        ...tail, seq: 11, at: tail.at + 1000, action: 'identity.user.delete', target_id: '1', prev_hash: 'a'.repeat(64),
      };
      const { id: _id, ...row } = { ...fake, hash: eventHash(fx.chainKey, fake) };
      await db().insertInto('audit_events').values(row).execute();
      assertBad(await verify(), 11, 'broken_link');
    });

    test('an event inserted in the middle is detected even when it links correctly', async () => {
      // Shift seq 6..10 up by one (through negatives: seq is unique), then slot a fake in at 6.
      await db().updateTable('audit_events').set((eb) => ({ seq: eb('seq', '*', -1) })).where('seq', '>', 5).execute();
      await db().updateTable('audit_events').set((eb) => ({ seq: eb(eb('seq', '*', -1), '+', 1) })).where('seq', '<', 0).execute();
      const five = await eventAt(fx, 5);
      const fake = { ...five, seq: 6, prev_hash: five.hash, action: 'identity.grant.create' };
      const { id: _id, ...row } = { ...fake, hash: eventHash(fx.chainKey, fake) };
      await db().insertInto('audit_events').values(row).execute();
      assertBad(await verify(), 7, 'order');
    });

    test('swapping the seq of two events is detected at the first moved one', async () => {
      const seven = await eventAt(fx, 7);
      await db().updateTable('audit_events').set({ seq: -1 }).where('seq', '=', 4).execute();
      await db().updateTable('audit_events').set({ seq: 4 }).where('seq', '=', 7).execute();
      await db().updateTable('audit_events').set({ seq: 7 }).where('seq', '=', -1).execute();
      assertBad(await verify(), 4, 'broken_link', seven.id);
    });

    /** Edits event 3 and recomputes every later hash with `hashOf`, so the links all agree. */
    async function rewriteFrom3(hashOf: (e: HashedEventFields) => string): Promise<void> {
      const rows = await db().selectFrom('audit_events').selectAll().orderBy('seq').execute();
      let prev = '';
      for (const r of rows) {
        if (r.seq < 3) { prev = r.hash; continue; }
        const edited = { ...r, prev_hash: prev, result: r.seq === 3 ? 'failure' as const : r.result };
        const hash = hashOf(edited);
        await db().updateTable('audit_events').set({ prev_hash: prev, result: edited.result, hash }).where('id', '=', r.id).execute();
        prev = hash;
      }
    }

    test('rewriting history with recomputed hashes is caught by the signed checkpoint, even with the chain key', async () => {
      // Defence in depth: even someone who got hold of the chain key (but not the SM2 key)
      // makes a chain whose links all agree, and the signed checkpoint still catches it.
      await rewriteFrom3((e) => eventHash(fx.chainKey, e));
      const five = await eventAt(fx, 5);
      assertBad(await verify(), 5, 'checkpoint_mismatch', five.id);
    });

    for (const [how, hashOf] of forgers) {
      test(`rewriting the chain with ${how} is detected at the edited event`, async () => {
        const three = await eventAt(fx, 3);
        await rewriteFrom3(hashOf);
        assertBad(await verify(), 3, 'hash_mismatch', three.id);
      });
    }

    test('rewriting the chain with plain SM3 and deleting all checkpoints is detected', async () => {
      // The hole this closes: with an unkeyed chain and no checkpoint demanded, this verified as ok.
      const three = await eventAt(fx, 3);
      await rewriteFrom3(plainSm3);
      await db().deleteFrom('audit_checkpoints').execute();
      assertBad(await verify(), 3, 'hash_mismatch', three.id);
      // A forger with another installation's key does no better.
      await resetLog(fx);
      await appendMany(fx, 10);
      await rewriteFrom3(otherKey);
      await db().deleteFrom('audit_checkpoints').execute();
      assertBad(await verify(), 3, 'hash_mismatch');
    });

    test('deleting all checkpoints of a chain longer than checkpointEvery is detected as missing_checkpoint', async () => {
      await appendMany(fx, 2); // 12 events > 5, checkpoints at 5 and 10
      await db().deleteFrom('audit_checkpoints').execute();
      const report = await verify();
      assertBad(report, 1, 'missing_checkpoint', null);
      assert.ok(!report.ok && report.message.includes('第 7–12 条'), !report.ok ? report.message : '');
    });

    test('deleting the newest checkpoint leaves the end of a chain unsigned for too long: missing_checkpoint', async () => {
      await appendMany(fx, 2); // 12 events; the end needs a checkpoint at seq ≥ 7
      await db().deleteFrom('audit_checkpoints').where('seq', '=', 10).execute();
      assertBad(await verify(), 6, 'missing_checkpoint', null);
    });

    test('a checkpoint whose signature does not match is detected', async () => {
      await db().updateTable('audit_checkpoints').set({ hash: 'b'.repeat(64) }).where('seq', '=', 5).execute();
      assertBad(await verify(), 5, 'bad_checkpoint');
    });

    test('a checkpoint forged with another key is detected even though its signature is valid', async () => {
      const forger = generateSm2KeyPair();
      const seven = await eventAt(fx, 7);
      const at = T0 + 99_000;
      await db().insertInto('audit_checkpoints').values({
        seq: 7, hash: seven.hash, at, kind: 'periodic', public_key: forger.publicKey,
        signature: sm2Sign(checkpointMessage(7, seven.hash, at), forger.privateKey, forger.publicKey),
      }).execute();
      assertBad(await verify(), 7, 'bad_checkpoint');
    });

    test('a garbage signature is reported, not thrown', async () => {
      await db().updateTable('audit_checkpoints').set({ signature: 'zz' }).where('seq', '=', 10).execute();
      assertBad(await verify(), 10, 'bad_checkpoint');
    });

    test('the CLI command exits 0 on an intact log and 1 naming the first bad seq and id', async () => {
      const lines: string[] = [];
      assert.equal(await auditVerifyCommand(fx.dbh, (l) => lines.push(l), cliOpts()), 0);
      assert.ok(lines.some((l) => l.includes('100%')));
      assert.ok(lines.some((l) => l.startsWith('OK') && l.includes('10 events')));

      const e = await eventAt(fx, 6);
      await db().updateTable('audit_events').set({ ip: '6.6.6.6' }).where('seq', '=', 6).execute();
      lines.length = 0;
      assert.equal(await auditVerifyCommand(fx.dbh, (l) => lines.push(l), cliOpts()), 1);
      const failed = lines.find((l) => l.startsWith('FAILED'));
      assert.ok(failed?.includes(`seq 6 (id ${e.id})`), failed);
      assert.ok(lines.some((l) => l.includes('第 6 条')));
    });

    test('the CLI command fails on an intact log when given another chain key, and reports missing checkpoints', async () => {
      const lines: string[] = [];
      const wrongKey = deriveAuditChainKey(Buffer.alloc(32, 0x01));
      assert.equal(await auditVerifyCommand(fx.dbh, (l) => lines.push(l), { ...cliOpts(), chainKey: wrongKey }), 1);
      assert.ok(lines.some((l) => l.startsWith('FAILED: first bad event seq 1') && l.includes('[hash_mismatch]')), lines.join('\n'));

      await db().deleteFrom('audit_checkpoints').execute();
      lines.length = 0;
      assert.equal(await auditVerifyCommand(fx.dbh, (l) => lines.push(l), cliOpts()), 1);
      const failed = lines.find((l) => l.startsWith('FAILED'));
      assert.ok(failed?.includes(REASON_LABELS.missing_checkpoint.en) && failed.includes('[missing_checkpoint]'), failed);
      assert.ok(lines.some((l) => l.includes(REASON_LABELS.missing_checkpoint.zh) && l.includes('第 5–10 条')), lines.join('\n'));
    });
  });
}
