import { setTimeout as delay } from 'node:timers/promises';
import type { JobContext } from '../contracts.js';

export const DEMO_PROGRESS_KIND = 'platform.demo_progress';

export interface DemoProgressPayload {
  readonly steps?: number;
  readonly stepMs?: number;
}

/**
 * Shows the progress pipeline end to end (handler → jobs row → event bus → SSE → progress bar
 * in the console) without touching any real data.
 */
export async function demoProgressJob(ctx: JobContext<DemoProgressPayload>): Promise<{ steps: number }> {
  const steps = Math.min(100, Math.max(1, Math.floor(ctx.payload?.steps ?? 10)));
  const stepMs = Math.min(10_000, Math.max(0, Math.floor(ctx.payload?.stepMs ?? 500)));
  await ctx.progress(0, `准备中（共 ${steps} 步） / starting (${steps} steps)`);
  for (let i = 1; i <= steps; i += 1) {
    await delay(stepMs, undefined, { signal: ctx.signal });
    await ctx.progress((i / steps) * 100, `第 ${i}/${steps} 步 / step ${i} of ${steps}`);
  }
  return { steps };
}
