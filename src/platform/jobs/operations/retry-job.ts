import { inTransaction } from '../../../db/index.js';
import type { JobView } from '../job-view.js';
import { authorize, type JobOperationDeps } from './job-operation-deps.js';

/** An administrator sends a failed (or cancelled) job back to the queue. */
export async function retryJob({ db, actor, input, jobs, audit }: JobOperationDeps<{ id: number }>): Promise<JobView> {
  authorize(actor, 'jobs.manage');
  const job = await inTransaction(db, async (trx) => {
    const requeued = await jobs.retry(trx, actor, input.id);
    await audit.append(trx, actor, {
      action: 'jobs.retry', result: 'success', targetType: 'job', targetId: requeued.id,
      detail: { kind: requeued.kind, lastError: (requeued.lastError ?? '').slice(0, 200) },
    });
    return requeued;
  });
  await jobs.announce(job);
  return job;
}
