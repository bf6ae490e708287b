import { Type, type Static } from 'typebox';
import { Id, Obj, Page, PageSize, errorResponses } from '../../platform/http/schema.js';

const LetterTypeSchema = Type.Union([Type.Literal('consultation'), Type.Literal('complaint'), Type.Literal('suggestion'), Type.Literal('help')]);
const VisibilitySchema = Type.Union([Type.Literal('public'), Type.Literal('private')]);
const SiteCodeParams = Obj({ siteCode: Type.String({ pattern: '^(\\d{10}|bm\\d{8})$' }) });

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
  deadlineDays: Type.Integer(), isEnabled: Type.Boolean(), sortOrder: Type.Integer(),
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
      }),
    }),
    ...errorResponses(400, 429),
  },
};

const Masked = Obj({ name: Type.String(), phone: Type.String(), email: Type.Union([Type.String(), Type.Null()]), idNumber: Type.Union([Type.String(), Type.Null()]), address: Type.Union([Type.String(), Type.Null()]) });

export const listLettersSchema = {
  tags: ['interaction'], summary: '信件列表（个人信息已脱敏） / Letters (personal data masked)',
  querystring: Obj({ siteId: Type.Optional(Id), page: Type.Optional(Page), pageSize: Type.Optional(PageSize) }),
  response: {
    200: Obj({
      total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer(),
      items: Type.Array(Obj({
        id: Id, siteId: Id, siteName: Type.String(), mailboxId: Id, mailboxName: Type.String(), queryCode: Type.String(),
        letterType: LetterTypeSchema, isPublic: Type.Boolean(), subject: Type.String(), status: Type.String(),
        receivedAt: Type.Integer(), dueAt: Type.Integer(), attachmentCount: Type.Integer(), citizen: Masked,
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
  }),
  response: { 201: Obj({ mailbox: MailboxOut }), ...errorResponses(400, 403, 404) },
};

export const updateMailboxSchema = {
  tags: ['interaction'], summary: '修改信箱（名称、说明、办理时限、启用） / Update a mailbox', params: Obj({ id: Id }),
  body: Obj({
    name: Type.Optional(MailboxWrite.name), description: Type.Optional(MailboxWrite.description), deadlineDays: Type.Optional(MailboxWrite.deadlineDays),
    sortOrder: Type.Optional(MailboxWrite.sortOrder), isEnabled: Type.Optional(Type.Boolean()),
  }),
  response: { 200: Obj({ mailbox: MailboxOut }), ...errorResponses(400, 403, 404) },
};
