import type { FastifyInstance } from 'fastify';
import type { Platform } from '../platform/platform.js';

/**
 * Domain modules' route plugins, registered by buildApp after the platform's own.
 * Each module adds one line here.
 */
export const moduleRoutes: readonly ((app: FastifyInstance, opts: { platform: Platform }) => Promise<void>)[] = [];

/** Domain modules' job kinds and schedules, registered by every process that runs jobs. */
export const moduleJobs: readonly ((platform: Platform) => void)[] = [];
