import { inTransaction } from '../../../db/index.js';
import type { JobView } from '../job-view.js';
import { authorize, type JobOperationDeps } from './job-operation-deps.js';

/** An administrator cancels a job that has not started. */
export async function cancelJob({ db, actor, input, jobs, audit }: JobOperationDeps<{ id: number }>): Promise<JobView> {
  authorize(actor, 'jobs.manage');
  const job = await inTransaction(db, async (trx) => {
    const cancelled = await jobs.cancel(trx, actor, input.id);
    await audit.append(trx, actor, { action: 'jobs.cancel', result: 'success', targetType: 'job', targetId: cancelled.id, detail: { kind: cancelled.kind } });
    return cancelled;
  });
  await jobs.announce(job);
  return job;
}
