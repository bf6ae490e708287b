import fs from 'node:fs';
import { withoutColumnChangeHook } from '../modules/columns/index.js';
import path from 'node:path';
import type { Platform } from '../platform/platform.js';
import { inTransaction, type Db } from '../db/index.js';
import { generateTotpSecret, hashPassword, randomToken, sm3Hex, generateRecoveryCodes } from '../platform/crypto/index.js';
import { insertOrg, getOrgByCode } from '../platform/identity/orgs.repo.js';
import { systemActor } from '../platform/identity/actor.js';
import type { Role } from '../platform/identity/roles.js';
import { demoOrganizationTree, type DemoOrg } from './demo-organizations.js';
import { seedDemoSites } from './seed-sites.js';
import { seedDemoColumns } from './seed-columns.js';
import { seedDemoChecks } from './seed-checks.js';
import { seedDemoDocuments, type DemoDocumentsMode } from './seed-documents.js';
import { enqueueReindex } from '../modules/search/index.js';

export interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly orgCode: string;
  readonly password: string;
  /** Base32 TOTP secret for roles that require a second factor. */
  readonly totpSecret: string | null;
}

/**
 * `orgCode` is where the user works (membership); `scopeOrgCode` is the organization an org-scoped
 * grant covers. Sites belong to governments and departments, never to a general office, so the
 * office staff are granted on their government: its portal and its departments' sites are in scope.
 */
const DEMO_USERS: readonly { username: string; displayName: string; role: Role; orgCode: string; scope: 'platform' | 'org'; scopeOrgCode?: string }[] = [
  { username: 'sysadmin', displayName: '王系统', role: 'system_admin', orgCode: '320000-bgt', scope: 'platform' },
  { username: 'secadmin', displayName: '李安全', role: 'security_admin', orgCode: '320000-bgt', scope: 'platform' },
  { username: 'auditor', displayName: '张审计', role: 'audit_admin', orgCode: '320000-bgt', scope: 'platform' },
  { username: 'supervisor', displayName: '赵监管', role: 'platform_supervisor', orgCode: '320000-bgt', scope: 'platform' },
  { username: 'siteadmin', displayName: '陈站务', role: 'site_admin', orgCode: '320000-bgt', scope: 'org', scopeOrgCode: '320000' },
  { username: 'editor', displayName: '刘编辑', role: 'editor', orgCode: '320000-bgt', scope: 'org', scopeOrgCode: '320000' },
  { username: 'reviewer', displayName: '杨审核', role: 'reviewer', orgCode: '320000-bgt', scope: 'org', scopeOrgCode: '320000' },
  { username: 'secrecy', displayName: '黄保密', role: 'secrecy_reviewer', orgCode: '320000-bgt', scope: 'org', scopeOrgCode: '320000' },
  { username: 'handler', displayName: '周办理', role: 'interaction_handler', orgCode: '320000-bgt', scope: 'org', scopeOrgCode: '320000' },
  { username: 'templater', displayName: '吴模板', role: 'template_developer', orgCode: '320000-bgt', scope: 'platform' },
  { username: 'nj_editor', displayName: '孙编辑', role: 'editor', orgCode: '320100-bgt', scope: 'org', scopeOrgCode: '320100' },
];

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await db.selectFrom('organizations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n) === 0;
}

/**
 * Seeds the demo province and one demo user per built-in role (plus a city editor). Passwords
 * are generated; accounts whose role requires 2FA get a TOTP secret so a newcomer can sign in
 * (`npm run jiyue -- demo code <username>` prints the current code).
 */
export async function seedDemo(platform: Platform, opts: { writeAccountsFile?: boolean; documents?: DemoDocumentsMode } = {}): Promise<DemoAccount[]> {
  const now = platform.clock.now();
  const actor = systemActor('demo-seed');
  const accounts: DemoAccount[] = [];
  const prepared = await prepareDemoAccounts(platform);
  await inTransaction(platform.db, async (trx) => {
    await insertOrgTree(trx, demoOrganizationTree(), now);
    accounts.push(...await insertDemoAccounts(trx, platform, prepared, now));
    const sites = await seedDemoSites(trx, platform);
    // The pages are rendered once after seeding (npm start queues a full rebuild), not per column.
    await withoutColumnChangeHook(() => seedDemoColumns(trx, platform, sites));
    await seedDemoChecks(trx, platform);
    // Tests build a demo province per file: by default only the seed policy and its interpretation.
    await seedDemoDocuments(trx, platform, sites, { mode: opts.documents ?? 'minimal' });
    // The full history is published here, not one by one through the workflow that indexes each
    // document: their search index is queued with them (the worker builds it).
    if (opts.documents === 'full') await enqueueReindex(trx, platform.jobs);
    await platform.audit.append(trx, actor, { action: 'demo.seed', result: 'success', detail: { users: accounts.length, sites: sites.length } });
  });
  if (opts.writeAccountsFile ?? true) writeAccountsFile(platform.config.dataDir, accounts);
  return accounts;
}


/** The whole tree below `root`, in the caller's transaction (paths and sort orders as the console sets them). */
/** Inserts the tree; returns how many organizations it inserted. */
export async function insertOrgTree(trx: Db, root: DemoOrg, now: number): Promise<number> {
  let inserted = 0;
  const insertTree = async (node: DemoOrg, parentId: number | null, parentPath: string, order: number) => {
    const org = await insertOrg(trx, { parentId, code: node.code, name: node.name, kind: node.kind, level: node.level, divisionCode: node.divisionCode, creditCode: node.creditCode, sortOrder: order }, parentPath, now);
    inserted++;
    let i = 0;
    for (const child of node.children) await insertTree(child, org.id, org.path, i++);
  };
  await insertTree(root, null, '/', 0);
  return inserted;
}

type PreparedAccount = (typeof DEMO_USERS)[number] & { password: string; hash: string };

/** Fresh passwords and their hashes (slow: done before the transaction). */
export async function prepareDemoAccounts(platform: Platform): Promise<PreparedAccount[]> {
  return Promise.all(DEMO_USERS.map(async (u) => {
    const password = `Jy-${randomToken(9)}-${u.username.length}a`;
    return { ...u, password, hash: await hashPassword(password, platform.config.passwordIterations) };
  }));
}

/** One account per built-in role (and a city editor) with its grant; needs the organizations 320000, 320000-bgt, 320100 and 320100-bgt. */
export async function insertDemoAccounts(trx: Db, platform: Platform, prepared: readonly PreparedAccount[], now: number): Promise<DemoAccount[]> {
  const accounts: DemoAccount[] = [];
  for (const u of prepared) {
    const org = await getOrgByCode(trx, u.orgCode);
    if (!org) throw new Error(`demo org ${u.orgCode} missing`);
    const needsTotp = platform.config.mfaRequiredRoles.includes(u.role);
    const totpSecret = needsTotp ? generateTotpSecret() : null;
    const { id } = await trx.insertInto('users').values({
      username: u.username, display_name: u.displayName, org_id: org.id, password_hash: u.hash, password_changed_at: now,
      must_change_password: 0, status: 'active', failed_attempts: 0, locked_until: null,
      totp_secret_enc: totpSecret ? platform.cipher.encrypt(totpSecret, 'totp:pending') : null,
      totp_enabled: totpSecret ? 1 : 0, totp_last_step: null, email_enc: null, phone_enc: null, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    // The AAD binds the secret to the user id, known only after the insert.
    if (totpSecret) {
      await trx.updateTable('users').set({ totp_secret_enc: platform.cipher.encrypt(totpSecret, `totp:${id}`) }).where('id', '=', id).execute();
      await trx.insertInto('recovery_codes').values(generateRecoveryCodes(10).map((c) => ({ user_id: id, code_hash: sm3Hex(c), used_at: null }))).execute();
    }
    const scopeOrg = u.scopeOrgCode ? await getOrgByCode(trx, u.scopeOrgCode) : org;
    if (!scopeOrg) throw new Error(`demo org ${u.scopeOrgCode ?? ''} missing`);
    await trx.insertInto('role_grants').values({ user_id: id, role: u.role, scope_type: u.scope, scope_id: u.scope === 'org' ? scopeOrg.id : null, granted_by: null, granted_at: now }).execute();
    accounts.push({ username: u.username, displayName: u.displayName, role: u.role, orgCode: u.orgCode, password: u.password, totpSecret });
  }
  return accounts;
}

export function accountsFilePath(dataDir: string): string {
  return path.join(dataDir, 'demo-accounts.txt');
}

export function writeAccountsFile(dataDir: string, accounts: readonly DemoAccount[]): void {
  const lines = [
    '# 集约 Jiyue demo accounts (generated; keep private). Sign in at http://localhost:8080/admin/',
    '# Accounts with a TOTP secret need a 6-digit code: add the secret to an authenticator app,',
    '# or run: npm run jiyue -- demo code <username>',
    '',
    ...accounts.map((a) => `${a.username.padEnd(12)} ${a.password.padEnd(22)} ${a.role.padEnd(20)} ${a.totpSecret ? `totp=${a.totpSecret}` : ''}`.trimEnd()),
    '',
  ];
  fs.mkdirSync(dataDir, { recursive: true });
  const file = accountsFilePath(dataDir);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, lines.join('\n'), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function readDemoTotpSecret(dataDir: string, username: string): string | null {
  const file = accountsFilePath(dataDir);
  if (!fs.existsSync(file)) return null;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const parts = line.trim().split(/\s+/);
    if (parts[0] === username) return parts.find((p) => p.startsWith('totp='))?.slice(5) ?? null;
  }
  return null;
}
