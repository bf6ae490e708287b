import { inTransaction } from '../../../db/index.js';
import { DEMO_PROGRESS_KIND } from '../demo-progress-job.js';
import { authorize, type JobOperationDeps } from './job-operation-deps.js';

/** Enqueues the demo job that reports progress step by step (to see the live progress bar work). */
export async function startDemoJob({ db, actor, input, jobs, audit }: JobOperationDeps<{ steps: number; stepMs: number }>): Promise<{ id: number }> {
  authorize(actor, 'jobs.manage');
  return inTransaction(db, async (trx) => {
    const id = await jobs.enqueue(trx, { kind: DEMO_PROGRESS_KIND, payload: input, createdBy: actor.userId });
    await audit.append(trx, actor, { action: 'jobs.demo', result: 'success', targetType: 'job', targetId: id, detail: { ...input } });
    return { id };
  });
}
