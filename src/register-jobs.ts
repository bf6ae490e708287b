import type { Platform } from './platform/platform.js';
import { registerPlatformJobs } from './platform/jobs/register-platform-jobs.js';
import { moduleJobs, moduleWorkers } from './modules/index.js';

/** Every job kind and schedule: the platform's, then each module's. Call once per process that runs jobs. */
export function registerAllJobs(platform: Platform): void {
  registerPlatformJobs(platform);
  for (const register of moduleJobs) register(platform);
}

/** Starts the worker role's long-running watchers (besides the job loop); the result stops them all. */
export function startModuleWorkers(platform: Platform): { stop(): Promise<void> } {
  const running = moduleWorkers.map((start) => start(platform));
  return { stop: async () => { await Promise.all(running.map((w) => w.stop())); } };
}
