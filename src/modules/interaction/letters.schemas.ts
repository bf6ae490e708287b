import { Type, type Static } from 'typebox';
import { Id, Obj, Page, PageSize, Version, errorResponses, SiteCode } from '../../platform/http/schema.js';

const LetterTypeSchema = Type.Union([Type.Literal('consultation'), Type.Literal('complaint'), Type.Literal('suggestion'), Type.Literal('help')]);
const VisibilitySchema = Type.Union([Type.Literal('public'), Type.Literal('private')]);
export const SiteCodeParams = Obj({ siteCode: SiteCode });

/**
 * A letter as the citizen sends it, by JSON or by the site's form (multipart, the same names).
 * Formats of phone, email and ID number are checked by the operation, so their messages say
 * what is expected without repeating the value.
 */
export const LetterFields = Obj({
  mailboxId: Id,
  letterType: LetterTypeSchema,
  visibility: VisibilitySchema,
  subject: Type.String({ minLength: 1, maxLength: 100 }),
  body: Type.String({ minLength: 1, maxLength: 5000 }),
  name: Type.String({ minLength: 1, maxLength: 50 }),
  phone: Type.String({ minLength: 1, maxLength: 20 }),
  email: Type.Optional(Type.String({ maxLength: 100 })),
  idNumber: Type.Optional(Type.String({ maxLength: 18 })),
  address: Type.Optional(Type.String({ maxLength: 200 })),
  idempotencyKey: Type.Optional(Type.String({ maxLength: 64 })),
  altcha: Type.Optional(Type.String({ maxLength: 4000 })),
});
export type LetterFieldsInput = Static<typeof LetterFields>;

const Receipt = Obj({
  queryCode: Type.String(), queryPassword: Type.Union([Type.String(), Type.Null()]), duplicate: Type.Boolean(),
  mailboxName: Type.String(), letterType: LetterTypeSchema, receivedAt: Type.Integer(), dueAt: Type.Integer(),
});

export const captchaSchema = {
  tags: ['interaction'], summary: '获取人机验证题目（ALTCHA） / ALTCHA challenge',
  response: { 200: Type.Object({ parameters: Type.Record(Type.String(), Type.Unknown()), signature: Type.Optional(Type.String()) }) },
};

const MailboxOut = Obj({
  id: Id, siteId: Id, kind: Type.String(), kindName: Type.String(), name: Type.String(), description: Type.String(),
  deadlineDays: Type.Integer(), acceptDays: Type.Integer(), reviewDays: Type.Integer(), isEnabled: Type.Boolean(), sortOrder: Type.Integer(),
});

export const publicMailboxesSchema = {
  tags: ['interaction'], summary: '网站的信箱与信件类型 / Mailboxes of a site', params: SiteCodeParams,
  response: { 200: Obj({ site: Obj({ code: Type.String(), name: Type.String() }), mailboxes: Type.Array(MailboxOut), letterTypes: Type.Array(Obj({ value: LetterTypeSchema, name: Type.String() })) }), ...errorResponses(400, 404) },
};

export const submitLetterSchema = {
  tags: ['interaction'],
  summary: '写信（JSON，或 multipart 带附件 attachments；请求头 Idempotency-Key） / Submit a letter',
  description: 'Body: the fields of LetterFields, as JSON or as multipart/form-data with up to 3 files named `attachments`. '
    + '`altcha` is the base64 ALTCHA payload. The query password is returned once; a repeated Idempotency-Key returns the first letter\'s code with `duplicate: true` and no password.',
  params: SiteCodeParams,
  response: { 201: Receipt, 200: Receipt, ...errorResponses(400, 404, 413, 415, 429) },
};

/** The citizen's view of the handling: steps and times, the handling unit, the reply, what they may do next. */
export const PublicProgressSchema = Obj({
  handlingUnit: Type.Union([Type.String(), Type.Null()]), clockPaused: Type.Boolean(),
  steps: Type.Array(Obj({ action: Type.String(), name: Type.String(), at: Type.Integer(), unit: Type.Union([Type.String(), Type.Null()]), reason: Type.Union([Type.String(), Type.Null()]) })),
  reply: Type.Union([Type.String(), Type.Null()]), repliedAt: Type.Union([Type.Integer(), Type.Null()]), satisfaction: Type.Union([Type.Literal('satisfied'), Type.Literal('basically_satisfied'), Type.Literal('dissatisfied'), Type.Null()]), satisfactionName: Type.Union([Type.String(), Type.Null()]),
  canSupplement: Type.Boolean(), canRate: Type.Boolean(), canReopen: Type.Boolean(),
});

export const lookupLetterSchema = {
  tags: ['interaction'], summary: '凭查询编号和查询密码查询办理进度 / Look up a letter',
  body: Obj({ queryCode: Type.String({ minLength: 1, maxLength: 40 }), queryPassword: Type.String({ minLength: 1, maxLength: 40 }) }),
  response: {
    200: Obj({
      letter: Obj({
        queryCode: Type.String(), siteName: Type.String(), mailboxName: Type.String(), letterType: LetterTypeSchema, letterTypeName: Type.String(),
        subject: Type.String(), body: Type.String(), isPublic: Type.Boolean(), status: Type.String(), statusName: Type.String(),
        receivedAt: Type.Integer(), dueAt: Type.Integer(), attachmentCount: Type.Integer(),
        citizen: Obj({ name: Type.String(), phone: Type.String(), email: Type.Union([Type.String(), Type.Null()]), idNumber: Type.Union([Type.String(), Type.Null()]), address: Type.Union([Type.String(), Type.Null()]) }),
        progress: PublicProgressSchema,
      }),
    }),
    ...errorResponses(400, 429),
  },
};

const Masked = Obj({ name: Type.String(), phone: Type.String(), email: Type.Union([Type.String(), Type.Null()]), idNumber: Type.Union([Type.String(), Type.Null()]), address: Type.Union([Type.String(), Type.Null()]) });

export const listLettersSchema = {
  tags: ['interaction'], summary: '信件列表（个人信息已脱敏） / Letters (personal data masked)',
  querystring: Obj({
    siteId: Type.Optional(Id), page: Type.Optional(Page), pageSize: Type.Optional(PageSize),
    queue: Type.Optional(Type.Literal('desk', { description: 'desk: waiting for acceptance, routing, a supplement or the review of a reply (受理台), soonest deadline first' })),
  }),
  response: {
    200: Obj({
      total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
      items: Type.Array(Obj({
        id: Id, siteId: Id, siteName: Type.String(), mailboxId: Id, mailboxName: Type.String(), queryCode: Type.String(),
        letterType: LetterTypeSchema, isPublic: Type.Boolean(), subject: Type.String(), status: Type.String(), statusName: Type.String(),
        version: Type.Integer(), handlingOrgId: Type.Union([Type.Integer(), Type.Null()]),
        receivedAt: Type.Integer(), dueAt: Type.Integer(), stepDueAt: Type.Union([Type.Integer(), Type.Null()]),
        dueState: Type.Union([Type.Literal('normal'), Type.Literal('due_soon'), Type.Literal('overdue')]), attachmentCount: Type.Integer(), citizen: Masked,
      })),
    }),
    ...errorResponses(400, 403, 404),
  },
};

const SiteIdParams = Obj({ siteId: Id });
const MailboxWrite = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.String({ maxLength: 500 }),
  deadlineDays: Type.Integer({ minimum: 1, maximum: 60 }),
  stepDays: Type.Integer({ minimum: 1, maximum: 10 }),
  sortOrder: Type.Integer({ minimum: 0, maximum: 100_000 }),
};

export const listMailboxesSchema = {
  tags: ['interaction'], summary: '网站的信箱 / Mailboxes of a site', params: SiteIdParams,
  response: { 200: Obj({ items: Type.Array(MailboxOut) }), ...errorResponses(403, 404) },
};

export const createMailboxSchema = {
  tags: ['interaction'], summary: '新建领导信箱或部门信箱 / Create a mailbox', params: SiteIdParams,
  body: Obj({
    kind: Type.Union([Type.Literal('leader'), Type.Literal('department')]), name: MailboxWrite.name,
    description: Type.Optional(MailboxWrite.description), deadlineDays: Type.Optional(MailboxWrite.deadlineDays), sortOrder: Type.Optional(MailboxWrite.sortOrder),
    acceptDays: Type.Optional(MailboxWrite.stepDays), reviewDays: Type.Optional(MailboxWrite.stepDays),
  }),
  response: { 201: Obj({ mailbox: MailboxOut }), ...errorResponses(400, 403, 404) },
};

export const updateMailboxSchema = {
  tags: ['interaction'], summary: '修改信箱（名称、说明、办理时限、启用） / Update a mailbox', params: Obj({ id: Id }),
  body: Obj({
    name: Type.Optional(MailboxWrite.name), description: Type.Optional(MailboxWrite.description), deadlineDays: Type.Optional(MailboxWrite.deadlineDays),
    acceptDays: Type.Optional(MailboxWrite.stepDays), reviewDays: Type.Optional(MailboxWrite.stepDays),
    sortOrder: Type.Optional(MailboxWrite.sortOrder), isEnabled: Type.Optional(Type.Boolean()),
  }),
  response: { 200: Obj({ mailbox: MailboxOut }), ...errorResponses(400, 403, 404) },
};

// ——— Handling workflow ———

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const LetterIdParams = Obj({ id: Id });
const Reason = Type.String({ maxLength: 500 });
const DueStateSchema = Type.Union([Type.Literal('normal'), Type.Literal('due_soon'), Type.Literal('overdue')]);
const SatisfactionSchema = Type.Union([Type.Literal('satisfied'), Type.Literal('basically_satisfied'), Type.Literal('dissatisfied')]);
const Extension = Nullable(Obj({ days: Type.Integer(), reason: Type.String() }));


export const letterActionSchema = {
  tags: ['interaction'],
  summary: '办理信件：受理、不予受理、合并、转办、退回、转交、申请延期、请来信人补充、提交答复、审核答复 / A handling step',
  description: 'Fields by action: refuse, send_back, forward, request_extension, request_supplement, return_reply need `reason`; '
    + 'merge needs `intoLetterId`; assign and forward need `orgId` (the handling unit); request_extension needs `days`; draft_reply needs `text`. '
    + '`version` (from the detail) makes a stale console refuse instead of act.',
  params: LetterIdParams,
  body: Obj({
    action: Type.Union(['accept', 'refuse', 'merge', 'assign', 'send_back', 'forward', 'request_extension', 'request_supplement', 'draft_reply', 'approve_reply', 'return_reply'].map((a) => Type.Literal(a as 'accept'))),
    version: Type.Optional(Version), reason: Type.Optional(Reason), orgId: Type.Optional(Id), intoLetterId: Type.Optional(Id),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })), text: Type.Optional(Type.String({ maxLength: 10_000 })),
  }),
  response: { 200: Obj({ status: Type.String(), version: Type.Integer() }), ...errorResponses(400, 403, 404, 409) },
};

export const extensionDecisionSchema = {
  tags: ['interaction'], summary: '审批延期申请 / Decide an extension request', params: LetterIdParams,
  body: Obj({ decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]), reason: Type.Optional(Reason), version: Type.Optional(Version) }),
  response: { 200: Obj({ status: Type.String(), version: Type.Integer(), dueAt: Type.Integer() }), ...errorResponses(400, 403, 404, 409) },
};

/** A file the citizen sent, as it was sent (type checked by content at submission); audited. */
export const letterAttachmentSchema = {
  tags: ['interaction'], summary: '下载来信附件（记入审计） / Download a file the citizen sent (audited)', params: Obj({ id: Id, attachmentId: Id }),
};

export const letterDetailSchema = {
  tags: ['interaction'], summary: '信件详情与办理记录（个人信息已脱敏） / A letter and its history', params: LetterIdParams,
  response: {
    200: Obj({
      letter: Obj({
        id: Id, siteId: Id, mailboxId: Id, mailboxName: Type.String(), queryCode: Type.String(), letterType: LetterTypeSchema, isPublic: Type.Boolean(),
        subject: Type.String(), body: Type.String(), status: Type.String(), statusName: Type.String(), version: Type.Integer(), receivedAt: Type.Integer(),
        dueAt: Type.Integer(), stepDueAt: Nullable(Type.Integer()), dueState: DueStateSchema, handlingOrgId: Nullable(Type.Integer()), handlingOrgName: Nullable(Type.String()),
        mergedIntoId: Nullable(Type.Integer()), extension: Extension, reply: Nullable(Type.String()), replyBy: Nullable(Type.Integer()),
        repliedAt: Nullable(Type.Integer()), publishedAt: Nullable(Type.Integer()), satisfaction: Nullable(Type.String()), reopenCount: Type.Integer(), citizen: Masked,
        history: Type.Array(Obj({
          action: Type.String(), actionName: Type.String(), fromStatus: Type.String(), toStatus: Type.String(), actorName: Type.String(),
          orgId: Nullable(Type.Integer()), orgName: Nullable(Type.String()), reason: Type.String(), at: Type.Integer(),
        })),
        attachments: Type.Array(Obj({ id: Id, fileName: Type.String(), mime: Type.String(), size: Type.Integer() })),
        allowedActions: Type.Array(Type.String()),
      }),
    }),
    ...errorResponses(403, 404),
  },
};

const SupervisionItem = Obj({
  id: Id, siteId: Id, siteName: Type.String(), subject: Type.String(), status: Type.String(), statusName: Type.String(), handlingOrgName: Nullable(Type.String()),
  receivedAt: Type.Integer(), dueAt: Type.Integer(), effectiveDueAt: Type.Integer(), dueState: DueStateSchema, escalated: Type.Boolean(), extension: Extension,
});

export const supervisionSchema = {
  tags: ['interaction'], summary: '督办看板：超期、临期、待审批延期、督办通知与网站预警 / Supervision dashboard',
  querystring: Obj({ siteId: Type.Optional(Id) }),
  response: {
    200: Obj({
      overdue: Type.Array(SupervisionItem), dueSoon: Type.Array(SupervisionItem), pendingExtensions: Type.Array(SupervisionItem),
      notices: Type.Array(Obj({ id: Id, siteId: Id, letterId: Id, kind: Type.String(), message: Type.String(), createdAt: Type.Integer() })),
      bySite: Type.Array(Obj({ siteId: Id, siteName: Type.String(), overdue: Type.Integer(), dueSoon: Type.Integer(), normal: Type.Integer() })),
    }),
    ...errorResponses(400),
  },
};

export const citizenFeedbackSchema = {
  tags: ['interaction'],
  summary: '来信人操作：补充材料（supplement，text）、评价（rate，satisfaction）、申请重新办理一次（reopen，reason） / The citizen supplements, rates or reopens',
  body: Obj({
    queryCode: Type.String({ minLength: 1, maxLength: 40 }), queryPassword: Type.String({ minLength: 1, maxLength: 40 }),
    action: Type.Union([Type.Literal('supplement'), Type.Literal('rate'), Type.Literal('reopen')]),
    satisfaction: Type.Optional(SatisfactionSchema), text: Type.Optional(Type.String({ maxLength: 5000 })), reason: Type.Optional(Reason),
  }),
  response: { 200: Obj({ status: Type.String(), progress: PublicProgressSchema }), ...errorResponses(400, 409, 429) },
};

const PublishedLetterOut = Obj({
  id: Id, mailboxName: Type.String(), letterType: LetterTypeSchema, letterTypeName: Type.String(), subject: Type.String(), body: Type.String(), reply: Type.String(),
  handlingUnit: Nullable(Type.String()), receivedAt: Type.Integer(), repliedAt: Type.Integer(),
});

export const publishedLettersSchema = {
  tags: ['interaction'], summary: '网站公开的信件与答复（个人信息已脱敏） / Published letters and replies',
  params: SiteCodeParams, querystring: Obj({ page: Type.Optional(Page), pageSize: Type.Optional(PageSize), mailboxId: Type.Optional(Id), letterType: Type.Optional(LetterTypeSchema) }),
  response: { 200: Obj({ total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(), items: Type.Array(PublishedLetterOut) }), ...errorResponses(400, 404) },
};

export const publishedLetterSchema = {
  tags: ['interaction'], summary: '一封公开的信件与答复 / One published letter', params: Obj({ siteCode: SiteCodeParams.properties.siteCode, id: Id }),
  response: { 200: Obj({ letter: PublishedLetterOut }), ...errorResponses(400, 404) },
};

export const unitLettersSchema = {
  tags: ['interaction'], summary: '承办单位待办信件 / Letters routed to my handling units',
  response: {
    200: Obj({
      items: Type.Array(Obj({
        id: Id, siteId: Id, subject: Type.String(), status: Type.String(), statusName: Type.String(), version: Type.Integer(), handlingOrgId: Id, handlingOrgName: Type.String(),
        receivedAt: Type.Integer(), dueAt: Type.Integer(), stepDueAt: Nullable(Type.Integer()), dueState: DueStateSchema, extensionPending: Type.Boolean(),
      })),
    }),
  },
};

// ——— Reply templates (答复模板) and the handler's pickers ———

const ReplyTemplateOut = Obj({ id: Id, siteId: Id, name: Type.String(), body: Type.String(), sortOrder: Type.Integer(), updatedAt: Type.Integer() });
const TemplateWrite = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  body: Type.String({ minLength: 1, maxLength: 10_000 }),
  sortOrder: Type.Integer({ minimum: 0, maximum: 100_000 }),
};

export const listReplyTemplatesSchema = {
  tags: ['interaction'], summary: '网站的答复模板 / Reply templates of a site', params: SiteIdParams,
  response: { 200: Obj({ items: Type.Array(ReplyTemplateOut), placeholders: Type.Array(Type.String()) }), ...errorResponses(403, 404) },
};

export const createReplyTemplateSchema = {
  tags: ['interaction'], summary: '新建答复模板（占位符如 {{来信人}}、{{受理日期}}） / Create a reply template', params: SiteIdParams,
  body: Obj({ name: TemplateWrite.name, body: TemplateWrite.body, sortOrder: Type.Optional(TemplateWrite.sortOrder) }),
  response: { 201: Obj({ template: ReplyTemplateOut }), ...errorResponses(400, 403, 404) },
};

export const updateReplyTemplateSchema = {
  tags: ['interaction'], summary: '修改答复模板 / Update a reply template', params: Obj({ id: Id }),
  body: Obj({ name: Type.Optional(TemplateWrite.name), body: Type.Optional(TemplateWrite.body), sortOrder: Type.Optional(TemplateWrite.sortOrder) }),
  response: { 200: Obj({ template: ReplyTemplateOut }), ...errorResponses(400, 403, 404) },
};

export const deleteReplyTemplateSchema = {
  tags: ['interaction'], summary: '删除答复模板 / Delete a reply template', params: Obj({ id: Id }),
  response: { 200: Obj({ ok: Type.Boolean() }), ...errorResponses(403, 404) },
};

export const letterReplyTemplatesSchema = {
  tags: ['interaction'], summary: '为某封信件填好占位符的答复模板 / Reply templates filled for a letter', params: LetterIdParams,
  response: { 200: Obj({ items: Type.Array(Obj({ id: Id, name: Type.String(), text: Type.String() })) }), ...errorResponses(403, 404) },
};

export const handlingUnitsSchema = {
  tags: ['interaction'], summary: '可转办的承办单位（组织机构树） / Organizations a letter can be routed to',
  response: { 200: Obj({ items: Type.Array(Obj({ id: Id, parentId: Nullable(Type.Integer()), name: Type.String() })) }) },
};

export const interactionSitesSchema = {
  tags: ['interaction'], summary: '可管理信件、信箱或答复模板的网站 / Sites in my interaction scope',
  response: { 200: Obj({ items: Type.Array(Obj({ id: Id, code: Type.String(), name: Type.String() })) }) },
};
