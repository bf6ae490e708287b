import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  addFieldKeyVersion,
  loadKeyMaterial,
  sm2Sign,
  sm2Verify,
} from '../../src/platform/crypto/index.js';

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jiyue-keys-'));
  dirs.push(dir);
  return dir;
}
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';
const HEX_A = 'a1'.repeat(32);
const HEX_B = 'b2'.repeat(32);

describe('key store: secret.key file', () => {
  test('created on first start with mode 0600, valid JSON, no temp files left', async () => {
    const dataDir = path.join(await tempDir(), 'nested', 'data');
    const km = await loadKeyMaterial({ dataDir });
    assert.equal(km.source, 'file');
    const file = path.join(dataDir, 'secret.key');
    if (posix) assert.equal((await stat(file)).mode & 0o777, 0o600);
    const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    assert.equal(json['version'], 1);
    assert.equal(json['currentFieldKey'], 1);
    assert.deepEqual(await readdir(dataDir), ['secret.key']);
    assert.equal(km.sessionSecret.length, 32);
    assert.equal(sm2Verify('m', sm2Sign('m', km.sm2.privateKey), km.sm2.publicKey), true);
  });

  test('reloading gives the same keys', async () => {
    const dataDir = await tempDir();
    const a = await loadKeyMaterial({ dataDir });
    const b = await loadKeyMaterial({ dataDir });
    assert.deepEqual(b.sm2, a.sm2);
    assert.deepEqual(b.sessionSecret, a.sessionSecret);
    assert.equal(b.fieldCipher.decrypt(a.fieldCipher.encrypt('同一把钥匙')), '同一把钥匙');
  });

  test('concurrent first starts agree on one set of keys', async () => {
    const dataDir = await tempDir();
    const all = await Promise.all([1, 2, 3, 4].map(() => loadKeyMaterial({ dataDir })));
    for (const km of all) assert.deepEqual(km.sm2, all[0]?.sm2);
    assert.deepEqual(await readdir(dataDir), ['secret.key']);
  });

  test('refuses a group/world readable file, naming it and chmod 600', { skip: !posix }, async () => {
    const dataDir = await tempDir();
    await loadKeyMaterial({ dataDir });
    const file = path.join(dataDir, 'secret.key');
    await chmod(file, 0o644);
    await assert.rejects(loadKeyMaterial({ dataDir }), (err: Error) => {
      assert.ok(err.message.includes(file), err.message);
      assert.ok(err.message.includes('chmod 600'), err.message);
      return true;
    });
    await chmod(file, 0o640);
    await assert.rejects(loadKeyMaterial({ dataDir }), /chmod 600/);
    await chmod(file, 0o600);
    await loadKeyMaterial({ dataDir });
  });

  test('rejects a corrupted file with an error naming it', async () => {
    const dataDir = await tempDir();
    const file = path.join(dataDir, 'secret.key');
    await writeFile(file, '{"version":1}', { mode: 0o600 });
    await assert.rejects(loadKeyMaterial({ dataDir }), (err: Error) => err.message.includes(file));
    await writeFile(file, 'not json', { mode: 0o600 });
    await assert.rejects(loadKeyMaterial({ dataDir }), /not valid JSON/);
  });

  test('addFieldKeyVersion adds a current version; old data stays readable', async () => {
    const dataDir = await tempDir();
    const before = await loadKeyMaterial({ dataDir });
    const oldToken = before.fieldCipher.encrypt('旧数据');
    assert.equal(await addFieldKeyVersion(dataDir), 2);
    const afterRotation = await loadKeyMaterial({ dataDir });
    assert.equal(afterRotation.fieldCipher.currentVersion, 2);
    assert.equal(afterRotation.fieldCipher.decrypt(oldToken), '旧数据');
    assert.ok(afterRotation.fieldCipher.rotate(oldToken).startsWith('v2.'));
    assert.deepEqual(afterRotation.sm2, before.sm2, 'rotation only touches field keys');
    if (posix) assert.equal((await stat(path.join(dataDir, 'secret.key'))).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(dataDir), ['secret.key']);
  });
});

describe('key store: JIYUE_SECRET_KEY', () => {
  test('single 64-hex key: deterministic, and no file is written', async () => {
    const dataDir = await tempDir();
    const a = await loadKeyMaterial({ dataDir, secretKeyEnv: HEX_A });
    const b = await loadKeyMaterial({ dataDir, secretKeyEnv: ` ${HEX_A.toUpperCase()}\n` });
    assert.equal(a.source, 'env');
    assert.deepEqual(b.sm2, a.sm2);
    assert.deepEqual(b.sessionSecret, a.sessionSecret);
    assert.notDeepEqual(a.sessionSecret, Buffer.from(HEX_A, 'hex'), 'derived, not the raw master');
    assert.equal(a.fieldCipher.currentVersion, 1);
    assert.equal(b.fieldCipher.decrypt(a.fieldCipher.encrypt('x')), 'x');
    assert.equal(sm2Verify('m', sm2Sign('m', a.sm2.privateKey), a.sm2.publicKey), true);
    assert.deepEqual(await readdir(dataDir), []);
  });

  test('multiple versions: highest is current; SM2/session stable across rotation', async () => {
    const dataDir = await tempDir();
    const one = await loadKeyMaterial({ dataDir, secretKeyEnv: `1:${HEX_A}` });
    const two = await loadKeyMaterial({ dataDir, secretKeyEnv: `1:${HEX_A}, 2:${HEX_B}` });
    assert.equal(two.fieldCipher.currentVersion, 2);
    const old = one.fieldCipher.encrypt('x');
    assert.equal(two.fieldCipher.decrypt(old), 'x');
    assert.ok(two.fieldCipher.encrypt('y').startsWith('v2.'));
    assert.deepEqual(two.sm2, one.sm2);
    assert.deepEqual(two.sessionSecret, one.sessionSecret);
  });

  test('malformed values are rejected naming JIYUE_SECRET_KEY without echoing the value', async () => {
    const dataDir = await tempDir();
    const bad = ['abc', HEX_A.slice(2), `${HEX_A}00`, `1:${HEX_A},1:${HEX_B}`, `0:${HEX_A}`, `x:${HEX_A}`, `1:${HEX_A}:2`, 'g'.repeat(64)];
    for (const value of bad) {
      await assert.rejects(loadKeyMaterial({ dataDir, secretKeyEnv: value }), (err: Error) => {
        assert.match(err.message, /JIYUE_SECRET_KEY/);
        assert.ok(!err.message.includes(HEX_A) && !err.message.includes(HEX_B), 'secret leaked into message');
        return true;
      }, value);
    }
    assert.deepEqual(await readdir(dataDir), [], 'no fallback to a generated file');
  });

  test('empty value falls back to the file store', async () => {
    const km = await loadKeyMaterial({ dataDir: await tempDir(), secretKeyEnv: '' });
    assert.equal(km.source, 'file');
  });
});
