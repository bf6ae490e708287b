import type { Platform } from './platform/platform.js';
import { registerPlatformJobs } from './platform/jobs/register-platform-jobs.js';
import { moduleJobs } from './modules/index.js';

/** Every job kind and schedule: the platform's, then each module's. Call once per process that runs jobs. */
export function registerAllJobs(platform: Platform): void {
  registerPlatformJobs(platform);
  for (const register of moduleJobs) register(platform);
}
