/**
 * Which worker claimed which job, recorded by PostgreSQL itself: a trigger on `jobs` writes one
 * row each time a job goes to `running` (a claim, i.e. the start of one run). With it, tests
 * and the scale-out benchmark see duplicates and the share of each worker process, while the
 * workers are the real `jiyue worker` command with nothing added. PostgreSQL only.
 */
import { sql } from 'kysely';
import { inTransaction, type Db } from '../../src/db/index.js';
import { DEMO_PROGRESS_KIND, type DemoProgressPayload } from '../../src/platform/jobs/index.js';
import type { Platform } from '../../src/platform/platform.js';

export async function installClaimLog(db: Db): Promise<void> {
  await sql`create table if not exists test_job_claims (job_id bigint not null, worker text not null, attempt integer not null)`.execute(db);
  await sql`create or replace function test_record_job_claim() returns trigger language plpgsql as $$
    begin
      insert into test_job_claims (job_id, worker, attempt) values (new.id, new.locked_by, new.attempts);
      return new;
    end $$`.execute(db);
  await sql`drop trigger if exists test_job_claims on jobs`.execute(db);
  await sql`create trigger test_job_claims after update of status on jobs for each row
    when (new.status = 'running' and old.status is distinct from 'running') execute function test_record_job_claim()`.execute(db);
}

export interface ClaimReport {
  /** Jobs of the set claimed at least once. */
  readonly claimed: number;
  /** Claims beyond the first, over the set: a job run twice counts once here. */
  readonly duplicates: number;
  /** Claims per worker id (`host:pid:…`). */
  readonly byWorker: ReadonlyMap<string, number>;
}

export async function claimReport(db: Db, jobIds: readonly number[]): Promise<ClaimReport> {
  if (jobIds.length === 0) return { claimed: 0, duplicates: 0, byWorker: new Map() };
  const { rows } = await sql<{ job_id: number; worker: string }>`select job_id, worker from test_job_claims where job_id in (${sql.join(jobIds)})`.execute(db);
  const perJob = new Map<number, number>();
  const byWorker = new Map<string, number>();
  for (const r of rows) {
    perJob.set(Number(r.job_id), (perJob.get(Number(r.job_id)) ?? 0) + 1);
    byWorker.set(r.worker, (byWorker.get(r.worker) ?? 0) + 1);
  }
  return { claimed: perJob.size, duplicates: rows.length - perJob.size, byWorker };
}

/** The process id inside a worker id (`host:pid:random`, src/platform/jobs/job-service.ts). */
export function pidOfWorker(workerId: string): number {
  return Number(workerId.split(':').at(-2));
}

/** Enqueues `count` demo jobs in one transaction (the workers see them all at once); returns their ids. */
export async function enqueueDemoJobs(platform: Platform, count: number, payload: DemoProgressPayload): Promise<number[]> {
  return inTransaction(platform.db, async (trx) => {
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push(await platform.jobs.enqueue(trx, { kind: DEMO_PROGRESS_KIND, payload }));
    return ids;
  });
}

/** Resolves when every job of the set has succeeded; throws naming how many had not after timeoutMs. */
export async function waitForSuccess(db: Db, ids: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('id', 'in', ids).where('status', '!=', 'succeeded').executeTakeFirstOrThrow();
    if (Number(left.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${left.n} of ${ids.length} jobs had not succeeded after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
