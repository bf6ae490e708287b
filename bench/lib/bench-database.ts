import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Engine } from '../../src/db/index.js';
import { postgresAdminUrl, type TestDatabase } from '../../test/support/engines.js';

/**
 * A dedicated, named bench database: a SQLite file in a fresh temp dir, or the PostgreSQL
 * database `jiyue_bench_<pid>` (one per process, so a second run on the machine does not
 * collide; a leftover of a crashed run with the same pid is dropped first). `drop()` removes both.
 */
export async function createBenchDatabase(engine: Engine): Promise<TestDatabase & { readonly name: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-bench-'));
  if (engine === 'sqlite') {
    return { engine, name: path.join(dataDir, 'jiyue.db'), databaseUrl: null, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `jiyue_bench_${process.pid}`;
  await adminQuery(`drop database if exists ${name} with (force)`);
  await adminQuery(`create database ${name}`);
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return {
    engine, name, databaseUrl: url.toString(), dataDir,
    drop: async () => {
      await adminQuery(`drop database if exists ${name} with (force)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}
