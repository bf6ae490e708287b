/**
 * One suite, both engines. `JIYUE_TEST_DB=sqlite|postgres|both` picks the engines; the
 * default (set by scripts/run-tests.mjs) is sqlite plus postgres when one answers.
 * PostgreSQL tests get a fresh database per test file and drop it afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Engine } from '../../src/db/index.js';

export function selectedEngines(): Engine[] {
  const v = (process.env.JIYUE_TEST_DB ?? 'sqlite').trim();
  if (v === 'both') return ['sqlite', 'postgres'];
  if (v === 'postgres') return ['postgres'];
  return ['sqlite'];
}

/**
 * Engines for one browser test file. Browser tests drive screens; the queries beneath them run
 * on both engines in the integration suite. With both engines selected, each browser file runs
 * on one of them, alternating in file-name order (half the files each, SQLite one more when the
 * count is odd; adding or renaming a file can move the files after it): on both, the browser
 * files took 1,411 of the 2,680 test-seconds of a 30-minute CI run on a slow day.
 * `JIYUE_E2E_ENGINES=both` runs every browser file on both.
 */
export function browserEngines(fileUrl: string): Engine[] {
  const engines = selectedEngines();
  if (engines.length < 2 || (process.env.JIYUE_E2E_ENGINES ?? '').trim().toLowerCase() === 'both') return engines;
  const file = fileURLToPath(fileUrl);
  const siblings = fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.test.ts')).sort();
  const at = siblings.indexOf(path.basename(file));
  if (at < 0) throw new Error(`browserEngines: ${file} is not a test file`);
  return [engines[at % engines.length]!];
}

export function postgresAdminUrl(): string {
  return process.env.JIYUE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  readonly engine: Engine;
  /** DATABASE_URL for PostgreSQL, null for SQLite. */
  readonly databaseUrl: string | null;
  /** Data directory (SQLite file, key file, uploads). */
  readonly dataDir: string;
  drop(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-test-'));
  if (engine === 'sqlite') {
    return { engine, databaseUrl: null, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `jiyue_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    // Commits return without waiting for the WAL flush. What a test can observe is unchanged
    // (atomicity, isolation, visibility; durable() is a no-op on PostgreSQL): only a power cut
    // could tell, and these databases are dropped anyway. It took seeding the demo data from
    // 5.2–5.5 s to 2.8–3.1 s, and every other write of a test waits on fsync no more either.
    await admin.query(`alter database ${name} set synchronous_commit = off`);
  } finally {
    await admin.end();
  }
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return {
    engine, databaseUrl: url.toString(), dataDir,
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresAdminUrl() });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
