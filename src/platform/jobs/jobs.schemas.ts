import { Type, type Static } from 'typebox';
import { Id, MAX_ID, Obj } from '../http/schema.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const JobStatusSchema = Type.Union([
  Type.Literal('queued'), Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('cancelled'),
], { description: '排队中 / 运行中 / 已成功 / 已失败 / 已取消' });

export const JobSchema = Obj({
  id: Id,
  kind: Type.String(),
  payload: Type.Unknown(),
  status: JobStatusSchema,
  runAt: Type.Integer({ description: '计划执行时间，UTC 毫秒 / due time, epoch ms' }),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  progress: Type.Integer({ minimum: 0, maximum: 100 }),
  progressMessage: Type.String(),
  result: Type.Unknown(),
  lockedBy: Nullable(Type.String()),
  lockedUntil: Nullable(Type.Integer()),
  scheduleName: Nullable(Type.String()),
  createdBy: Nullable(Type.Integer()),
  createdAt: Type.Integer(),
  startedAt: Nullable(Type.Integer()),
  finishedAt: Nullable(Type.Integer()),
});

export const JobPageSchema = Obj({
  items: Type.Array(JobSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const JobsQuery = Obj({
  status: Type.Optional(JobStatusSchema),
  kind: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 })),
});
export type JobsQuery = Static<typeof JobsQuery>;

export const JobStreamQuery = Obj({
  id: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ID, description: '只接收该任务的事件 / only this job\'s events' })),
});

export const ScheduleSchema = Obj({
  name: Type.String(),
  cron: Type.String({ description: '五段式 cron，北京时间 / five-field cron, Asia/Shanghai' }),
  kind: Type.String(),
  payload: Type.Unknown(),
  enabled: Type.Boolean(),
  nextRunAt: Type.Integer(),
  lastRunAt: Nullable(Type.Integer()),
});
export const ScheduleListSchema = Obj({ items: Type.Array(ScheduleSchema) });

export const DemoJobBody = Obj({
  steps: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10, description: '步数 / number of steps' })),
  stepMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000, default: 500, description: '每步毫秒数 / milliseconds per step' })),
});
export type DemoJobBody = Static<typeof DemoJobBody>;

export const EnqueuedSchema = Obj({ id: Id });
