/**
 * The platform's secret material: field-encryption keys, the SM2 signing key
 * and the session secret. Either derived from JIYUE_SECRET_KEY (containers,
 * secret managers) or kept in `<dataDir>/secret.key`, generated on first start.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { FIELD_MASTER_KEY_BYTES, FieldCipher } from './field-cipher.js';
import { generateSm2KeyPair, isValidSm2PrivateKey, sm2PublicKeyFromPrivate } from './sm2-signer.js';
import type { Sm2KeyPair } from './sm2-signer.js';
import { hmacSm3 } from './sm3.js';

export const SECRET_KEY_FILE = 'secret.key';
const ENV_NAME = 'JIYUE_SECRET_KEY';
const SESSION_SECRET_BYTES = 32;
const HEX64_RE = /^[0-9a-fA-F]{64}$/;
const VERSION_RE = /^[1-9][0-9]{0,8}$/;

export interface KeyMaterial {
  fieldCipher: FieldCipher;
  sm2: Sm2KeyPair;
  sessionSecret: Buffer;
  /** Where the material came from, for the startup log (never log the keys). */
  source: 'env' | 'file';
}

export interface LoadKeyMaterialOptions {
  dataDir: string;
  /** Value of JIYUE_SECRET_KEY, if set. */
  secretKeyEnv?: string | undefined;
}

interface SecretFile {
  version: 1;
  fieldKeys: Record<string, string>;
  currentFieldKey: number;
  sm2: Sm2KeyPair;
  sessionSecret: string;
}

export async function loadKeyMaterial(options: LoadKeyMaterialOptions): Promise<KeyMaterial> {
  // An empty value (e.g. `JIYUE_SECRET_KEY=` in an env file) means "not set".
  const env = options.secretKeyEnv?.trim();
  if (env !== undefined && env !== '') return fromEnv(env);
  const file = path.join(options.dataDir, SECRET_KEY_FILE);
  const secrets = (await readSecretFile(file)) ?? (await createSecretFile(options.dataDir, file));
  return fromSecretFile(secrets);
}

/** Adds a new field-key version to secret.key and makes it current (`jiyue keys rotate`). */
export async function addFieldKeyVersion(dataDir: string): Promise<number> {
  const file = path.join(dataDir, SECRET_KEY_FILE);
  const secrets = await readSecretFile(file);
  if (secrets === undefined) throw new Error(`${file} does not exist; start the platform once to create it`);
  const next = Math.max(...Object.keys(secrets.fieldKeys).map(Number)) + 1;
  secrets.fieldKeys[String(next)] = randomBytes(FIELD_MASTER_KEY_BYTES).toString('hex');
  secrets.currentFieldKey = next;
  const tmp = await writeTempFile(dataDir, secrets);
  await rename(tmp, file); // atomic replace: readers see the old or the new file, never half
  await syncDir(dataDir);
  return next;
}

// --- JIYUE_SECRET_KEY --------------------------------------------------------

function envError(reason: string): Error {
  // The value itself is never echoed: it is the installation's master secret.
  return new Error(`${ENV_NAME} is invalid: ${reason}. Expected 64 hex characters (32 bytes) or "1:<hex>,2:<hex>"`);
}

function parseEnvKeys(value: string): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  if (HEX64_RE.test(value)) {
    keys.set(1, Buffer.from(value, 'hex'));
    return keys;
  }
  for (const entry of value.split(',')) {
    const [versionText, hex, ...rest] = entry.trim().split(':');
    if (versionText === undefined || hex === undefined || rest.length > 0 || !VERSION_RE.test(versionText)) {
      throw envError('each entry must be <version>:<hex>');
    }
    if (!HEX64_RE.test(hex)) throw envError(`key version ${versionText} is not 64 hex characters`);
    const version = Number(versionText);
    if (keys.has(version)) throw envError(`key version ${version} appears twice`);
    keys.set(version, Buffer.from(hex, 'hex'));
  }
  return keys;
}

/**
 * Derives the SM2 scalar from the master key. HMAC output is rejected and
 * re-derived with a counter in the (≈2^-32 likely) case it falls outside [1, n-2].
 */
function deriveSm2(master: Buffer): Sm2KeyPair {
  for (let counter = 0; ; counter++) {
    const label = counter === 0 ? 'jiyue-sm2' : `jiyue-sm2:${counter}`;
    const privateKey = hmacSm3(master, label).toString('hex');
    if (isValidSm2PrivateKey(privateKey)) return { privateKey, publicKey: sm2PublicKeyFromPrivate(privateKey) };
  }
}

function fromEnv(value: string): KeyMaterial {
  const keys = parseEnvKeys(value);
  const versions = [...keys.keys()];
  const current = Math.max(...versions);
  // SM2 key and session secret come from the OLDEST version: appending a field-key
  // version is routine rotation and must not invalidate sessions or published
  // signatures (mirrors the file store, where rotation only adds field keys).
  const root = keys.get(Math.min(...versions));
  if (root === undefined) throw envError('no keys');
  return {
    fieldCipher: new FieldCipher({ current, keys }),
    sm2: deriveSm2(root),
    sessionSecret: hmacSm3(root, 'jiyue-session'),
    source: 'env',
  };
}

// --- secret.key file -----------------------------------------------------------

function fileError(file: string, reason: string): Error {
  return new Error(`${file}: ${reason}`);
}

function isHex(v: unknown, chars: number): v is string {
  return typeof v === 'string' && v.length === chars && /^[0-9a-fA-F]+$/.test(v);
}

function validateSecretFile(file: string, data: unknown): SecretFile {
  const bad = (what: string): Error => fileError(file, `invalid secret key file (${what})`);
  if (typeof data !== 'object' || data === null) throw bad('not a JSON object');
  const d = data as Record<string, unknown>;
  if (d['version'] !== 1) throw bad('unsupported "version"');
  const fieldKeys = d['fieldKeys'];
  if (typeof fieldKeys !== 'object' || fieldKeys === null || Array.isArray(fieldKeys)) throw bad('"fieldKeys"');
  const entries = Object.entries(fieldKeys as Record<string, unknown>);
  if (entries.length === 0) throw bad('"fieldKeys" is empty');
  for (const [version, hex] of entries) {
    if (!VERSION_RE.test(version) || !isHex(hex, 64)) throw bad(`"fieldKeys.${version}"`);
  }
  const current = d['currentFieldKey'];
  if (typeof current !== 'number' || !Object.hasOwn(fieldKeys, String(current))) throw bad('"currentFieldKey"');
  const sm2 = d['sm2'] as Record<string, unknown> | null | undefined;
  const privateKey = sm2?.['privateKey'];
  const publicKey = sm2?.['publicKey'];
  if (!isHex(privateKey, 64) || !isValidSm2PrivateKey(privateKey) || !isHex(publicKey, 130)) throw bad('"sm2"');
  // Catches a hand-edited or corrupted pair that would produce unverifiable signatures.
  if (sm2PublicKeyFromPrivate(privateKey) !== publicKey.toLowerCase()) throw bad('"sm2" keys do not match');
  if (!isHex(d['sessionSecret'], 2 * SESSION_SECRET_BYTES)) throw bad('"sessionSecret"');
  return data as SecretFile;
}

/** Returns undefined if the file does not exist. */
async function readSecretFile(file: string): Promise<SecretFile | undefined> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  if (!info.isFile()) throw fileError(file, 'is not a regular file');
  // POSIX permission bits are meaningless on Windows, where ACLs apply instead.
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    const mode = (info.mode & 0o777).toString(8);
    throw fileError(file, `is readable by other users (mode ${mode}); run: chmod 600 ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw fileError(file, 'is not valid JSON');
  }
  return validateSecretFile(file, parsed);
}

function fromSecretFile(secrets: SecretFile): KeyMaterial {
  const keys = new Map<number, Buffer>();
  for (const [version, hex] of Object.entries(secrets.fieldKeys)) keys.set(Number(version), Buffer.from(hex, 'hex'));
  return {
    fieldCipher: new FieldCipher({ current: secrets.currentFieldKey, keys }),
    sm2: { privateKey: secrets.sm2.privateKey.toLowerCase(), publicKey: secrets.sm2.publicKey.toLowerCase() },
    sessionSecret: Buffer.from(secrets.sessionSecret, 'hex'),
    source: 'file',
  };
}

async function writeTempFile(dir: string, secrets: SecretFile): Promise<string> {
  const tmp = path.join(dir, `.${SECRET_KEY_FILE}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  // Created 0600 from the start ('wx' = must not exist) so the secret is never briefly readable.
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(secrets, null, 2)}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directory fsync is unsupported on some platforms; the rename itself already happened.
  }
}

async function createSecretFile(dataDir: string, file: string): Promise<SecretFile> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secrets: SecretFile = {
    version: 1,
    fieldKeys: { '1': randomBytes(FIELD_MASTER_KEY_BYTES).toString('hex') },
    currentFieldKey: 1,
    sm2: generateSm2KeyPair(),
    sessionSecret: randomBytes(SESSION_SECRET_BYTES).toString('hex'),
  };
  const tmp = await writeTempFile(dataDir, secrets);
  try {
    // link() fails if the target exists, unlike rename(): when two processes start
    // at once the loser must adopt the winner's keys, not overwrite them (data
    // already encrypted by the winner would become unreadable).
    await link(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await unlink(tmp);
      const existing = await readSecretFile(file);
      if (existing === undefined) throw fileError(file, 'disappeared while being created');
      return existing;
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    // Filesystem without hard links (some network/FUSE mounts): fall back to rename.
    await rename(tmp, file);
    await syncDir(dataDir);
    return secrets;
  }
  await unlink(tmp);
  await syncDir(dataDir);
  return secrets;
}
