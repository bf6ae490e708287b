import type { Db } from '../../db/index.js';
import { AppError } from '../http/error-registry.js';
import type { JobStatus } from './jobs.tables.js';
import { toJobView, toScheduleView, type JobView, type ScheduleView } from './job-view.js';

export interface ListJobsQuery {
  readonly status?: JobStatus;
  readonly kind?: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface JobPage {
  readonly items: JobView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Newest first. */
export async function listJobs(db: Db, q: ListJobsQuery): Promise<JobPage> {
  const page = Math.max(1, Math.floor(q.page));
  const pageSize = Math.min(200, Math.max(1, Math.floor(q.pageSize)));
  let base = db.selectFrom('jobs');
  if (q.status) base = base.where('status', '=', q.status);
  if (q.kind) base = base.where('kind', '=', q.kind);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toJobView), total: Number(count.n), page, pageSize };
}

export async function getJob(db: Db, id: number): Promise<JobView> {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('jobs.not_found', { id });
  return toJobView(row);
}

export async function listSchedules(db: Db): Promise<ScheduleView[]> {
  const rows = await db.selectFrom('job_schedules').selectAll().orderBy('name').execute();
  return rows.map(toScheduleView);
}
