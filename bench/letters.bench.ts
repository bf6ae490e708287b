/**
 * Letters accepted with a durable receipt per second: citizens POST letters (JSON, personal data,
 * a solved captcha, an idempotency key each) to the public API over HTTP; a 201 comes only after
 * the commit would survive a power cut. Baseline, in the same run and interleaved: raw single-row
 * durable commits on the same engine, one client committing one INSERT per transaction back to
 * back (SQLite with `synchronous = FULL`, an fsync each). On PostgreSQL a second, informational
 * baseline has as many raw clients as the load has connections: the server then flushes many
 * commits at once, as the letters' own group commit (letter-intake.ts) does for the letters
 * that arrive together.
 *
 * The captchas are minted with the server's own secrets at the lowest difficulty: solving is the
 * citizen's cost, not the server's, and verification costs the server the same at any difficulty.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createChallenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { Engine } from '../src/db/index.js';
import { captchaSecrets, CAPTCHA_TTL_MS } from '../src/modules/interaction/captcha.js';
import { interactionDeps } from '../src/modules/interaction/deps.js';
import { letterIntake } from '../src/modules/interaction/letter-intake.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { startBenchServer, type BenchServer } from './lib/bench-server.js';
import { pinThisProcess } from './lib/cpu-pinning.js';
import type { LoadResult, LoadRun } from './lib/load-plan.js';
import { loadProblems, runLoad } from './lib/run-load.js';
import { median } from './lib/stats.js';

export const LETTERS_GOAL_RATIO = 0.3;
const CONNECTIONS = 16;
const WARMUP_SEC = 2;
const SITE = '3200000001';

const BODY = '您好！我是本市居民，想咨询一下关于城乡居民基本医疗保险参保缴费的问题。今年我在外地务工，'
  + '家中老人的医保缴费截止时间是什么时候？可以通过哪些渠道线上缴费？如果错过了集中缴费期，还能不能补缴，'
  + '补缴后待遇从什么时候开始享受？另外，灵活就业人员能否在居住地参加职工医保？希望相关部门给予解答，谢谢！';

/** One solved captcha per letter, signed with the server's secrets (see the header). */
async function letterBodies(server: BenchServer, mailboxId: number, count: number, tag: string): Promise<string[]> {
  const secrets = captchaSecrets(server.platform.keys.sessionSecret);
  const exp = server.platform.clock.now() + CAPTCHA_TTL_MS;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const challenge = await createChallenge({
      algorithm: 'SHA-256', cost: 1, counter: 1, deriveKey,
      hmacSignatureSecret: secrets.signature, hmacKeySignatureSecret: secrets.keySignature, data: { exp },
    });
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) throw new Error('captcha not solved');
    const altcha = Buffer.from(JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } })).toString('base64');
    out.push(JSON.stringify({
      mailboxId, letterType: 'consultation', visibility: i % 2 === 0 ? 'public' : 'private',
      subject: `关于城乡居民医保缴费的咨询（${tag}-${i}）`, body: BODY,
      name: '张三', phone: `138${String(10_000_000 + i).slice(-8)}`, email: `citizen${i}@example.cn`, address: '江苏省南京市玄武区北京东路41号',
      altcha, idempotencyKey: `bench-${tag}-${i}`.padEnd(20, 'x'),
    }));
  }
  return out;
}

/** Raw durable single-row commits for `seconds` by `clients` clients: what the engine gives one row at a time. */
async function rawCommitsPerSecond(engine: Engine, server: BenchServer, seconds: number, scratch: string, clients: number): Promise<number> {
  if (engine === 'sqlite') {
    const db = new SqliteDatabase(path.join(scratch, 'raw.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('create table if not exists raw (id integer primary key, v text not null)');
    const insert = db.prepare('insert into raw (v) values (?)');
    let n = 0;
    const t0 = process.hrtime.bigint();
    const limit = t0 + BigInt(Math.round(seconds * 1e9));
    let now = t0;
    while (now < limit) {
      insert.run(BODY);
      n++;
      now = process.hrtime.bigint();
    }
    db.close();
    return n / (Number(now - t0) / 1e9);
  }
  const pool = new pg.Pool({ connectionString: server.platform.dbh.url ?? '', max: clients });
  try {
    await pool.query('create table if not exists bench_raw_commits (id bigserial primary key, v text not null)');
    let n = 0;
    const t0 = process.hrtime.bigint();
    const limit = t0 + BigInt(Math.round(seconds * 1e9));
    await Promise.all(Array.from({ length: clients }, async () => {
      while (process.hrtime.bigint() < limit) {
        await pool.query('insert into bench_raw_commits (v) values ($1)', [BODY]);
        n++;
      }
    }));
    return n / (Number(process.hrtime.bigint() - t0) / 1e9);
  } finally {
    await pool.end();
  }
}

async function mailboxOf(server: BenchServer): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/public/sites/${SITE}/mailboxes`);
  const { mailboxes } = (await res.json()) as { mailboxes: { id: number; kind: string }[] };
  const site = mailboxes.find((m) => m.kind === 'site');
  if (!site) throw new Error('the portal has no site mailbox');
  return site.id;
}

export async function benchLetters(opts: BenchOptions, engine: Engine): Promise<BenchResult> {
  const { cpu, rounds, quick } = opts;
  const seconds = quick ? 1 : 3;
  // Enough distinct letters that none repeats within a run (a repeat is a duplicate, 200 not 201).
  const perRun = quick ? 4000 : 12_000;
  const server = await startBenchServer(engine);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'jiyue-bench-letters-'));
  try {
    const mailboxId = await mailboxOf(server);
    const receipts: number[] = [];
    const raws: number[] = [];
    const ratios: number[] = [];
    const rawsMany: number[] = [];
    const ratiosMany: number[] = [];
    const results: LoadResult[] = [];
    const intake = letterIntake(server.platform.db, interactionDeps(server.platform));
    const perTransaction: number[] = [];
    let fallbacks = 0;
    pinThisProcess(cpu, cpu.serverCpus);
    // The first seconds of a fresh server run its code cold (the JIT has not compiled the hot
    // paths, statements are not prepared yet): warm it with letters of its own, not counted.
    const warmBodies = await letterBodies(server, mailboxId, Math.round(perRun / 2), `${engine}warm`);
    await runLoad(cpu, [{
      label: 'letters warm-up', url: `${server.url}/api/v1/public/sites/${SITE}/letters`, method: 'POST', bodies: warmBodies,
      mode: 'saturate', connections: CONNECTIONS, durationSec: WARMUP_SEC, warmupSec: 0,
    }]);
    for (let round = 0; round < rounds; round++) {
      const bodies = await letterBodies(server, mailboxId, perRun, `${engine}${round}`);
      const run: LoadRun = {
        label: 'letters', url: `${server.url}/api/v1/public/sites/${SITE}/letters`, method: 'POST', bodies,
        mode: 'saturate', connections: CONNECTIONS, durationSec: seconds, warmupSec: 0,
      };
      const measureLetters = async () => {
        const before = intake.stats();
        const [r] = await runLoad(cpu, [run]);
        const after = intake.stats();
        perTransaction.push((after.letters - before.letters) / Math.max(1, after.batches - before.batches));
        fallbacks += after.fallbacks - before.fallbacks;
        if (!r) throw new Error('the load generator returned nothing');
        results.push(r);
        return (r.statusCodes['201'] ?? 0) / r.durationSec;
      };
      const raw = async () => {
        const one = await rawCommitsPerSecond(engine, server, seconds, scratch, 1);
        const many = engine === 'postgres' ? await rawCommitsPerSecond(engine, server, seconds, scratch, CONNECTIONS) : Number.NaN;
        return { one, many };
      };
      let a: number;
      let b: { one: number; many: number };
      if (round % 2 === 0) {
        b = await raw();
        a = await measureLetters();
      } else {
        a = await measureLetters();
        b = await raw();
      }
      receipts.push(a);
      raws.push(b.one);
      ratios.push(a / b.one);
      rawsMany.push(b.many);
      ratiosMany.push(a / b.many);
      opts.log(`letters [${engine}] round ${round + 1}: ${a.toFixed(0)} receipts/s, ${b.one.toFixed(0)} raw durable commits/s by 1 client`
        + (engine === 'postgres' ? `, ${b.many.toFixed(0)} by ${CONNECTIONS}` : ''));
    }
    pinThisProcess(cpu, cpu.allCpus);
    const problems = loadProblems(results.map((r) => ({ ...r, non2xx: r.non2xx - (r.statusCodes['200'] ?? 0) })));
    const duplicates = results.reduce((n, r) => n + (r.statusCodes['200'] ?? 0), 0);
    const ratio = median(ratios);
    const figures: Figure[] = [{
      name: `letters with a durable receipt, ${CONNECTIONS} conns [${engine}]`,
      value: median(receipts), unit: 'letters/s',
      baseline: { value: median(raws), unit: 'commits/s', label: engine === 'sqlite' ? 'raw 1-row commits, synchronous=FULL' : 'raw 1-row commits, 1 client' },
      ratio, goal: `ratio ≥ ${LETTERS_GOAL_RATIO}`,
      pass: problems.length === 0 && ratio >= LETTERS_GOAL_RATIO,
    }];
    if (engine === 'postgres') {
      figures.push({
        name: `letters with a durable receipt, ${CONNECTIONS} conns [${engine}]`,
        value: median(receipts), unit: 'letters/s',
        baseline: { value: median(rawsMany), unit: 'commits/s', label: `raw 1-row commits, ${CONNECTIONS} clients` },
        ratio: median(ratiosMany), goal: 'info (group commit)', pass: null,
      });
    }
    return {
      figures,
      notes: [
        `letters [${engine}]: after ${WARMUP_SEC} s of letters to warm the server (not counted), POST /api/v1/public/sites/${SITE}/letters, JSON with name, phone, email, address (sealed with SM4), a 200-character body, `
          + `a captcha minted at the lowest difficulty with the server's secrets; ${seconds} s per round, ${CONNECTIONS} connections (autocannon); `
          + `only 201s count${duplicates > 0 ? ` (${duplicates} repeats answered 200 were not counted)` : ''}; `
          + `group commit: ${median(perTransaction).toFixed(1)} letters per transaction (median of rounds), ${fallbacks} batches stored one by one`,
        ...problems.map((p) => `letters [${engine}] PROBLEM: ${p}`),
      ],
    };
  } finally {
    await server.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
