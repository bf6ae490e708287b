#!/usr/bin/env node
// The whole test suite: lint, type-check, unit + integration tests on SQLite and (when it
// answers, or when JIYUE_TEST_DB says so) PostgreSQL, then browser tests when Chromium is
// installed. Ends with node's test-runner summary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

const args = new Set(process.argv.slice(2));
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);

function run(cmd, cmdArgs, env = process.env) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env });
  return r.status ?? 1;
}

function listTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(dir, f)).sort();
}

async function postgresAnswers(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try { await c.connect(); await c.query('select 1'); return true; } catch { return false; } finally { await c.end().catch(() => {}); }
}

const env = { ...process.env };
if (!env.JIYUE_TEST_DB) {
  const url = env.JIYUE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await postgresAnswers(url)) {
    env.JIYUE_TEST_DB = 'both';
    console.log(`# engines: SQLite and PostgreSQL (${url.replace(/:[^:@/]*@/, ':***@')})`);
  } else {
    env.JIYUE_TEST_DB = 'sqlite';
    console.log(`# engines: SQLite only — PostgreSQL did not answer at ${url}; its tests are SKIPPED (set JIYUE_TEST_PG_URL, or JIYUE_TEST_DB=both to make this an error)`);
  }
} else {
  console.log(`# engines: JIYUE_TEST_DB=${env.JIYUE_TEST_DB}`);
}

if (!args.has('--no-lint') && !args.has('--e2e')) {
  if (run('npx', ['eslint', '--max-warnings=0', 'src', 'test', 'scripts', 'bench', 'admin/src']) !== 0) process.exit(1);
  if (run('npx', ['tsc', '-p', 'tsconfig.json']) !== 0) process.exit(1);
  if (run('npx', ['tsc', '-p', 'admin/tsconfig.json']) !== 0) process.exit(1);
}

let files = args.has('--e2e') ? [] : [...listTests('test/unit'), ...listTests('test/integration')];
const chromium = env.JIYUE_CHROMIUM ?? '/usr/bin/chromium';
const e2eRequired = args.has('--e2e') || env.JIYUE_E2E === 'required';
if (fs.existsSync(chromium)) {
  if (!fs.existsSync('admin/dist/index.html')) {
    if (run('npx', ['vite', 'build', 'admin', '--logLevel', 'warn']) !== 0) process.exit(1);
  }
  files = [...files, ...listTests('test/e2e')];
  if (env.JIYUE_TEST_DB === 'both' && (env.JIYUE_E2E_ENGINES ?? '').trim().toLowerCase() !== 'both') {
    console.log('# browser tests: each file on one engine, alternating by file name (JIYUE_E2E_ENGINES=both for both)');
  }
} else if (e2eRequired) {
  console.error(`# browser tests required but ${chromium} is missing (apt-get install chromium fonts-noto-cjk)`);
  process.exit(1);
} else {
  console.log(`# browser tests SKIPPED: ${chromium} not found (apt-get install chromium fonts-noto-cjk)`);
}

const testArgs = ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=900000', '--test-reporter=spec', ...files];
process.exit(run(process.execPath, testArgs, env));
