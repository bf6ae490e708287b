import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Platform } from '../platform.js';
import { access } from '../identity/permissions.js';
import { errorResponses, IdParams } from '../http/schema.js';
import { DemoJobBody, EnqueuedSchema, JobPageSchema, JobSchema, JobsQuery, JobStreamQuery, ScheduleListSchema } from './jobs.schemas.js';
import { streamBusEvents } from '../events/bus-event-stream.js';
import { eventStreamTracker } from '../http/event-stream.js';
import { retryJob } from './operations/retry-job.js';
import { cancelJob } from './operations/cancel-job.js';
import { startDemoJob } from './operations/start-demo-job.js';

const read = { access: access.permission('jobs.read') };
const manage = { access: access.permission('jobs.manage') };
const tags = ['jobs'];

/** The parts of the platform these routes use (the whole Platform satisfies it). */
export type JobsRoutesPlatform = Pick<Platform, 'db' | 'jobs' | 'audit' | 'events'>;

/** Background jobs in the admin console: list, inspect, retry, cancel, watch live, and a demo. */
export async function jobsRoutes(app: FastifyInstance, opts: { platform: JobsRoutesPlatform }): Promise<void> {
  const { platform } = opts;
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const deps = { db: platform.db, jobs: platform.jobs, audit: platform.audit };

  const track = eventStreamTracker(app);

  r.get('/api/v1/jobs', {
    config: read,
    schema: { tags, summary: '任务列表（最新在前） / List jobs, newest first', querystring: JobsQuery, response: { 200: JobPageSchema } },
  }, async (req) => {
    const { page = 1, pageSize = 20, status, kind } = req.query;
    return platform.jobs.list(platform.db, { page, pageSize, ...(status ? { status } : {}), ...(kind ? { kind } : {}) });
  });

  r.get('/api/v1/jobs/schedules', {
    config: read,
    schema: { tags, summary: '定时计划 / Recurring schedules', response: { 200: ScheduleListSchema } },
  }, async () => ({ items: await platform.jobs.listSchedules(platform.db) }));

  r.get('/api/v1/jobs/stream', {
    config: read,
    schema: {
      tags, summary: '任务状态与进度的实时推送（SSE） / Live job status and progress (server-sent events)',
      description: '`text/event-stream`: `event: job` 携带 {id, kind, status, progress, message}；每 15 秒一条注释心跳。',
      querystring: JobStreamQuery,
    },
  }, (req, reply) => {
    // One job's events (`job:<id>`) or every job's (`jobs`): JSON of each status or progress change.
    streamBusEvents(req, reply, { events: platform.events, channel: req.query.id ? `job:${req.query.id}` : 'jobs', event: 'job', track });
  });

  r.get('/api/v1/jobs/:id', {
    config: read,
    schema: { tags, summary: '任务详情 / One job', params: IdParams, response: { 200: JobSchema, ...errorResponses(404) } },
  }, async (req) => platform.jobs.get(platform.db, req.params.id));

  r.post('/api/v1/jobs/:id/retry', {
    config: manage,
    schema: { tags, summary: '重试失败的任务 / Retry a failed job', params: IdParams, response: { 200: JobSchema, ...errorResponses(404, 409) } },
  }, async (req) => retryJob({ ...deps, actor: req.actor, input: { id: req.params.id } }));

  r.post('/api/v1/jobs/:id/cancel', {
    config: manage,
    schema: { tags, summary: '取消排队中的任务 / Cancel a queued job', params: IdParams, response: { 200: JobSchema, ...errorResponses(404, 409) } },
  }, async (req) => cancelJob({ ...deps, actor: req.actor, input: { id: req.params.id } }));

  r.post('/api/v1/jobs/demo', {
    config: manage,
    schema: {
      tags, summary: '启动演示任务（逐步汇报进度） / Start the demo job that reports progress step by step',
      body: DemoJobBody, response: { 202: EnqueuedSchema },
    },
  }, async (req, reply) => {
    const { steps = 10, stepMs = 500 } = req.body ?? {};
    const out = await startDemoJob({ ...deps, actor: req.actor, input: { steps, stepMs } });
    return reply.code(202).send(out);
  });
}
