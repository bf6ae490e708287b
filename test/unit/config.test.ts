import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, renderConfigDocs, settings, ROLE_NAMES, type Config } from '../../src/config/index.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
    return err;
  }
  assert.fail(`loadConfig(${JSON.stringify(env)}) accepted the environment`);
}

describe('configuration', () => {
  test('an empty environment gives the documented defaults', () => {
    const c = loadConfig({});
    assert.equal(c.port, 8080);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.dataDir, './data');
    assert.equal(c.databaseUrl, null);
    assert.equal(c.auditRetentionDays, 180);
    assert.equal(c.bodyLimitBytes, 1_048_576);
    assert.equal(c.defaultLocale, 'zh-CN');
    assert.deepEqual(c.roles, ['admin', 'public', 'worker']);
    assert.deepEqual(c.mfaRequiredRoles, ['system_admin', 'security_admin', 'audit_admin', 'site_admin']);
    // Empty strings count as unset.
    assert.equal(loadConfig({ PORT: '' }).port, 8080);
  });

  test('good values are parsed into their types', () => {
    const c = loadConfig({
      PORT: '9090', DATABASE_URL: 'postgres://jiyue@db:5432/jiyue', JIYUE_ROLES: 'admin, worker', JIYUE_TRUST_PROXY: 'yes',
      JIYUE_MFA_REQUIRED_ROLES: 'none', JIYUE_AUDIT_RETENTION_DAYS: '365', JIYUE_PRESSURE_MAX_ELU: '0.75', JIYUE_DEFAULT_LOCALE: 'en',
      JIYUE_NET_ALLOW: '127.0.0.1, 10.0.0.0/8',
    });
    assert.equal(c.port, 9090);
    assert.equal(c.databaseUrl, 'postgres://jiyue@db:5432/jiyue');
    assert.deepEqual(c.roles, ['admin', 'worker']);
    assert.equal(c.trustProxy, true);
    assert.deepEqual(c.mfaRequiredRoles, []);
    assert.equal(c.auditRetentionDays, 365);
    assert.equal(c.pressureMaxEventLoopUtilization, 0.75);
    assert.equal(c.defaultLocale, 'en');
    assert.deepEqual(c.netAllow, ['127.0.0.1', '10.0.0.0/8']);
  });

  test('JIYUE_TRUST_PROXY: true/false, or the proxies\' addresses (IPs, CIDRs, loopback…)', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ JIYUE_TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ JIYUE_TRUST_PROXY: 'true' }).trustProxy, true);
    assert.deepEqual(loadConfig({ JIYUE_TRUST_PROXY: 'loopback' }).trustProxy, ['loopback']);
    assert.deepEqual(loadConfig({ JIYUE_TRUST_PROXY: '127.0.0.1, ::1' }).trustProxy, ['127.0.0.1', '::1']);
    assert.deepEqual(loadConfig({ JIYUE_TRUST_PROXY: '10.0.0.0/8,fd00::/8,uniquelocal' }).trustProxy, ['10.0.0.0/8', 'fd00::/8', 'uniquelocal']);
    for (const bad of ['nginx', '10.0.0.0/33', '::1/129', '127.0.0.1/8/8', '1.2.3', ',']) {
      assert.match(configError({ JIYUE_TRUST_PROXY: bad }).message, /JIYUE_TRUST_PROXY/, bad);
    }
  });

  test('PORT=abc is refused with a ConfigError naming PORT and the allowed values', () => {
    const err = configError({ PORT: 'abc' });
    assert.equal(err.name, 'ConfigError');
    assert.deepEqual(err.problems, ['PORT="abc" is not valid; allowed: integer 0–65535']);
    assert.match(err.message, /PORT/);
    assert.match(err.message, /integer 0–65535/);
  });

  test('out-of-range and malformed values are refused', () => {
    const cases: Record<string, string>[] = [
      { PORT: '65536' }, { PORT: '-1' }, { PORT: '80.5' }, { PORT: '1e3' },
      { DATABASE_URL: 'mysql://root@localhost/jiyue' }, { JIYUE_LOG_LEVEL: 'verbose' }, { JIYUE_ROLES: 'admin,cron' },
      { JIYUE_TRUST_PROXY: 'maybe' }, { JIYUE_BODY_LIMIT_BYTES: '100' }, { JIYUE_PRESSURE_MAX_ELU: '0.4' }, { JIYUE_PRESSURE_MAX_ELU: '1.5' },
      { JIYUE_SECRET_KEY: 'short' }, { JIYUE_DEFAULT_LOCALE: 'fr' }, { JIYUE_PASSWORD_MIN_LENGTH: '6' },
    ];
    for (const env of cases) {
      const [name] = Object.keys(env) as [string];
      const err = configError(env);
      assert.equal(err.problems.length, 1, JSON.stringify(env));
      assert.ok(err.problems[0]!.startsWith(`${name}=`), err.problems[0]);
      assert.match(err.problems[0]!, /allowed: /);
    }
  });

  test('several bad values are all reported together', () => {
    const err = configError({ PORT: 'abc', JIYUE_LOG_LEVEL: 'loud', JIYUE_SESSION_IDLE_MINUTES: '0', HOST: '127.0.0.1' });
    assert.equal(err.problems.length, 3);
    assert.deepEqual(err.problems.map((p) => p.split('=')[0]).sort(), ['JIYUE_LOG_LEVEL', 'JIYUE_SESSION_IDLE_MINUTES', 'PORT']);
    for (const env of ['PORT', 'JIYUE_LOG_LEVEL', 'JIYUE_SESSION_IDLE_MINUTES']) assert.match(err.message, new RegExp(`- ${env}=`));
  });

  test('audit retention below 180 days is refused (网络安全法 §21); 180 is accepted', () => {
    const err = configError({ JIYUE_AUDIT_RETENTION_DAYS: '90' });
    assert.match(err.message, /JIYUE_AUDIT_RETENTION_DAYS="90" is not valid/);
    assert.match(err.message, /≥ 180/);
    assert.equal(configError({ JIYUE_AUDIT_RETENTION_DAYS: '179' }).problems.length, 1);
    assert.equal(loadConfig({ JIYUE_AUDIT_RETENTION_DAYS: '180' }).auditRetentionDays, 180);
  });

  test('JIYUE_MFA_REQUIRED_ROLES with an unknown role is refused, listing the roles', () => {
    const err = configError({ JIYUE_MFA_REQUIRED_ROLES: 'system_admin,superuser' });
    assert.match(err.message, /JIYUE_MFA_REQUIRED_ROLES="system_admin,superuser"/);
    for (const role of ROLE_NAMES) assert.ok(err.message.includes(role), role);
    assert.deepEqual(loadConfig({ JIYUE_MFA_REQUIRED_ROLES: 'editor,reviewer' }).mfaRequiredRoles, ['editor', 'reviewer']);
  });

  test('the config is frozen, lists included, and the defaults cannot be changed through it', () => {
    const c = loadConfig({});
    assert.ok(Object.isFrozen(c));
    assert.ok(Object.isFrozen(c.roles));
    assert.ok(Object.isFrozen(c.mfaRequiredRoles));
    assert.throws(() => { (c as { port: number }).port = 1; }, TypeError);
    assert.throws(() => { (c.mfaRequiredRoles as string[]).push('editor'); }, TypeError);
    assert.deepEqual(loadConfig({}).mfaRequiredRoles, ['system_admin', 'security_admin', 'audit_admin', 'site_admin']);
    const overridden = loadConfig({}, { netAllow: ['127.0.0.1'] } as Partial<Config>);
    assert.ok(Object.isFrozen(overridden.netAllow));
  });

  test('every setting has a unique environment name, a doc line and a valid default', () => {
    const defs = Object.entries(settings);
    assert.equal(new Set(defs.map(([, d]) => d.env)).size, defs.length);
    for (const [key, d] of defs) {
      assert.equal(d.key, key);
      assert.ok(d.doc.length > 10, `${d.env} needs documentation`);
      assert.ok(d.allowed.length > 0, `${d.env} needs its allowed values`);
      const def: unknown = d.default;
      if (def === null || (Array.isArray(def) && def.length === 0)) continue;
      // The default, written as an operator would, parses back to itself.
      const written = Array.isArray(def) ? def.join(',') : String(def);
      assert.deepEqual((d.parse as (raw: string) => unknown)(written), def, `${d.env} default ${written}`);
    }
  });

  test('docs/configuration.md is generated from the settings table and has not drifted', () => {
    const file = fileURLToPath(new URL('../../docs/configuration.md', import.meta.url));
    const docs = fs.readFileSync(file, 'utf8');
    assert.equal(docs, renderConfigDocs(), 'regenerate with: node --import tsx src/cli.ts config docs > docs/configuration.md');
    for (const d of Object.values(settings)) assert.ok(docs.includes(`| \`${d.env}\` |`), d.env);
  });
});
