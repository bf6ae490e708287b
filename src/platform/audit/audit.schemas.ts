import { Type, type Static } from 'typebox';
import { MAX_PAGE_SIZE } from './search-events.js';
import { Id, MAX_EPOCH_MS } from '../http/schema.js';

const filterFields = {
  from: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_EPOCH_MS, description: '起始时间（含），UTC 毫秒 / from (inclusive), epoch ms' })),
  to: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_EPOCH_MS, description: '截止时间（含），UTC 毫秒 / to (inclusive), epoch ms' })),
  actorName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '操作人用户名 / actor username' })),
  actorId: Type.Optional(Id),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: '操作代码前缀，如 identity. / action code prefix' })),
  result: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('denied'), Type.Literal('failure')])),
};

export const AuditExportQuery = Type.Object(filterFields, { additionalProperties: false });
export type AuditExportQuery = Static<typeof AuditExportQuery>;

export const AuditEventsQuery = Type.Object({
  ...filterFields,
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })),
}, { additionalProperties: false });
export type AuditEventsQuery = Static<typeof AuditEventsQuery>;
