import { Type, type Static } from 'typebox';
import { EpochMs, Id, Obj, Page, PageSize, Version, errorResponses, SiteCode } from '../../../platform/http/schema.js';

const ErrorTypeSchema = Type.Union([Type.Literal('typo'), Type.Literal('broken_link'), Type.Literal('outdated'), Type.Literal('inaccurate'), Type.Literal('other')]);
const StatusSchema = Type.Union([Type.Literal('received'), Type.Literal('forwarded'), Type.Literal('disputed'), Type.Literal('fixed'), Type.Literal('dismissed')]);
const DismissKindSchema = Type.Union([Type.Literal('not_error'), Type.Literal('duplicate'), Type.Literal('other')]);
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const SiteCodeParams = Obj({ siteCode: SiteCode });
const IdParams = Obj({ id: Id });

/** A report as the visitor sends it, by JSON or by the site's form (the same names). */
export const ErrorReportFields = Obj({
  errorType: ErrorTypeSchema,
  pageUrl: Type.String({ minLength: 1, maxLength: 1000 }),
  description: Type.String({ minLength: 1, maxLength: 2000 }),
  name: Type.Optional(Type.String({ maxLength: 50 })),
  phone: Type.Optional(Type.String({ maxLength: 20 })),
  email: Type.Optional(Type.String({ maxLength: 100 })),
  idempotencyKey: Type.Optional(Type.String({ maxLength: 64 })),
  altcha: Type.Optional(Type.String({ maxLength: 4000 })),
});
export type ErrorReportFieldsInput = Static<typeof ErrorReportFields>;

const Receipt = Obj({
  queryCode: Type.String(), duplicate: Type.Boolean(), siteName: Type.String(), errorType: ErrorTypeSchema, pageUrl: Type.String(),
  receivedAt: Type.Integer(), triageDueAt: Type.Integer(),
});

export const submitErrorReportSchema = {
  tags: ['interaction'], summary: '网站纠错：提交（请求头 Idempotency-Key） / Report an error on a page',
  description: '`pageUrl` must be a page of the site (any of its domains, or a path). `altcha` is the base64 ALTCHA payload. Contact (name, phone, email) is optional, stored encrypted.',
  params: SiteCodeParams, body: ErrorReportFields,
  response: { 201: Receipt, 200: Receipt, ...errorResponses(400, 404, 429) },
};

export const lookupErrorReportSchema = {
  tags: ['interaction'], summary: '网站纠错：按查询编号查询办理状态 / Status of a report',
  body: Obj({ queryCode: Type.String({ minLength: 1, maxLength: 40 }) }),
  response: {
    200: Obj({ report: Obj({ queryCode: Type.String(), errorTypeName: Type.String(), status: StatusSchema, statusName: Type.String(), receivedAt: Type.Integer(), answer: Nullable(Type.String()), answeredAt: NullableInt }) }),
    ...errorResponses(400, 404, 429),
  },
};

const Contact = Obj({ name: Nullable(Type.String()), phone: Nullable(Type.String()), email: Nullable(Type.String()) });
const ListItemProps = {
  id: Id, siteId: Id, siteName: Type.String(), queryCode: Type.String(), errorType: ErrorTypeSchema, errorTypeName: Type.String(), pageUrl: Type.String(),
  description: Type.String(), status: StatusSchema, statusName: Type.String(), version: Type.Integer(), receivedAt: Type.Integer(), triageDueAt: Type.Integer(),
  ownerDueAt: NullableInt, stepDueAt: NullableInt, dueState: Type.Union([Type.Literal('normal'), Type.Literal('due_soon'), Type.Literal('overdue')]),
  escalated: Type.Boolean(), contact: Contact,
};
const ListItem = Obj(ListItemProps);

export const listErrorReportsSchema = {
  tags: ['interaction'], summary: '纠错报告列表：待转办（triage）、待整改（owner）、全部（all） / Error reports',
  querystring: Obj({
    box: Type.Optional(Type.Union([Type.Literal('triage'), Type.Literal('owner'), Type.Literal('all')], { default: 'all' })),
    siteId: Type.Optional(Id), status: Type.Optional(StatusSchema), page: Type.Optional(Page), pageSize: Type.Optional(PageSize),
  }),
  response: { 200: Obj({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(ListItem) }), ...errorResponses(400, 403) },
};

export const errorReportDetailSchema = {
  tags: ['interaction'], summary: '纠错报告详情与办理记录 / An error report and its history', params: IdParams,
  response: {
    200: Obj({
      report: Obj({
        ...ListItemProps, dismissKind: Type.Union([DismissKindSchema, Type.Null()]), dismissKindName: Nullable(Type.String()), reason: Type.String(),
        answer: Nullable(Type.String()), answeredAt: NullableInt, forwardedAt: NullableInt, ownerOrgName: Type.String(),
        history: Type.Array(Obj({ action: Type.String(), actionName: Type.String(), fromStatus: StatusSchema, toStatus: StatusSchema, actorName: Type.String(), reason: Type.String(), at: Type.Integer() })),
      }),
    }),
    ...errorResponses(403, 404),
  },
};

const ActionResult = Obj({ status: StatusSchema, version: Type.Integer(), stepDueAt: NullableInt });
const Reason = Type.String({ maxLength: 1000 });

export const triageErrorReportSchema = {
  tags: ['interaction'], summary: '平台转办或不予处理 / The operator forwards or dismisses',
  description: 'forward: to the site\'s owner, who has 2 working days; dismiss: needs `dismissKind` and `reason`. `version` from the detail makes a stale console refuse.',
  params: IdParams,
  body: Obj({ action: Type.Union([Type.Literal('forward'), Type.Literal('dismiss')]), version: Type.Optional(Version), reason: Type.Optional(Reason), dismissKind: Type.Optional(DismissKindSchema) }),
  response: { 200: ActionResult, ...errorResponses(400, 403, 404, 409) },
};

export const answerErrorReportSchema = {
  tags: ['interaction'], summary: '网站主办单位整改答复或提出异议 / The owner fixes and answers, or disputes',
  description: 'fix: needs `answer`; dispute: needs `reason` and sends the report back to the operator.',
  params: IdParams,
  body: Obj({ action: Type.Union([Type.Literal('fix'), Type.Literal('dispute')]), version: Type.Optional(Version), reason: Type.Optional(Reason), answer: Type.Optional(Type.String({ maxLength: 5000 })) }),
  response: { 200: ActionResult, ...errorResponses(400, 403, 404, 409) },
};

const StatsRow = Obj({
  siteId: Id, siteName: Type.String(), received: Type.Integer(), forwarded: Type.Integer(), fixed: Type.Integer(), dismissed: Type.Integer(), open: Type.Integer(),
  triaged: Type.Integer(), triagedOnTime: Type.Integer(), triageOnTimeRate: Type.Union([Type.Number(), Type.Null()]),
  fixedOnTime: Type.Integer(), fixOnTimeRate: Type.Union([Type.Number(), Type.Null()]),
  avgTriageHours: Type.Union([Type.Number(), Type.Null()]), avgFixHours: Type.Union([Type.Number(), Type.Null()]),
});

export const errorReportStatsSchema = {
  tags: ['interaction'], summary: '纠错统计（按网站） / Error report statistics per site',
  description: '`from`/`to`: epoch ms bounds of the receipt time ([from, to)).',
  querystring: Obj({ siteId: Type.Optional(Id), from: Type.Optional(EpochMs), to: Type.Optional(EpochMs) }),
  response: { 200: Obj({ sites: Type.Array(StatsRow) }), ...errorResponses(400, 403) },
};

export const errorReportSupervisionSchema = {
  tags: ['interaction'], summary: '纠错督办：超期报告与督办通知 / Overdue error reports and notices',
  response: {
    200: Obj({ overdue: Type.Array(ListItem), notices: Type.Array(Obj({ id: Id, siteId: Id, reportId: Id, message: Type.String(), createdAt: Type.Integer() })) }),
    ...errorResponses(400),
  },
};
