import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { auditVerifyCommand } from '../../src/cli/audit-command.js';
import { generateSm2KeyPair, sm2Sign } from '../../src/platform/crypto/index.js';
import { checkpointMessage, eventHash, type AuditVerifyReport } from '../../src/platform/audit/index.js';
import { selectedEngines } from '../support/engines.js';
import { appendMany, eventAt, openAuditFixture, resetLog, T0, type AuditFixture } from './audit-fixtures.js';

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
      const { id: _id, ...row } = { ...fake, hash: eventHash(fake) };
      await db().insertInto('audit_events').values(row).execute();
      assertBad(await verify(), 11, 'broken_link');
    });

    test('an event inserted in the middle is detected even when it links correctly', async () => {
      // Shift seq 6..10 up by one (through negatives: seq is unique), then slot a fake in at 6.
      await db().updateTable('audit_events').set((eb) => ({ seq: eb('seq', '*', -1) })).where('seq', '>', 5).execute();
      await db().updateTable('audit_events').set((eb) => ({ seq: eb(eb('seq', '*', -1), '+', 1) })).where('seq', '<', 0).execute();
      const five = await eventAt(fx, 5);
      const fake = { ...five, seq: 6, prev_hash: five.hash, action: 'identity.grant.create' };
      const { id: _id, ...row } = { ...fake, hash: eventHash(fake) };
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

    test('rewriting history with recomputed hashes is caught by the signed checkpoint', async () => {
      // The attacker edits event 3 and recomputes every later hash: the chain alone looks fine.
      const rows = await db().selectFrom('audit_events').selectAll().orderBy('seq').execute();
      let prev = '';
      for (const r of rows) {
        if (r.seq < 3) { prev = r.hash; continue; }
        const edited = { ...r, prev_hash: prev, result: r.seq === 3 ? 'failure' as const : r.result };
        const hash = eventHash(edited);
        await db().updateTable('audit_events').set({ prev_hash: prev, result: edited.result, hash }).where('id', '=', r.id).execute();
        prev = hash;
      }
      const five = await eventAt(fx, 5);
      assertBad(await verify(), 5, 'checkpoint_mismatch', five.id);
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
      assert.equal(await auditVerifyCommand(fx.dbh, (l) => lines.push(l), { trustedPublicKeys: [fx.keys.publicKey] }), 0);
      assert.ok(lines.some((l) => l.includes('100%')));
      assert.ok(lines.some((l) => l.startsWith('OK') && l.includes('10 events')));

      const e = await eventAt(fx, 6);
      await db().updateTable('audit_events').set({ ip: '6.6.6.6' }).where('seq', '=', 6).execute();
      lines.length = 0;
      assert.equal(await auditVerifyCommand(fx.dbh, (l) => lines.push(l), { trustedPublicKeys: [fx.keys.publicKey] }), 1);
      const failed = lines.find((l) => l.startsWith('FAILED'));
      assert.ok(failed?.includes(`seq 6 (id ${e.id})`), failed);
      assert.ok(lines.some((l) => l.includes('第 6 条')));
    });
  });
}
