import { Type } from 'typebox';
import { Id, IdParams, Obj } from '../../platform/http/schema.js';

const tags = ['documents'];

const Kind = Type.Union([Type.Literal('article'), Type.Literal('notice'), Type.Literal('policy'), Type.Literal('interpretation'), Type.Literal('personnel'),
  Type.Literal('response'), Type.Literal('rumour_rebuttal'), Type.Literal('page')]);
const Status = Type.Union([Type.Literal('draft'), Type.Literal('in_review'), Type.Literal('approved'), Type.Literal('scheduled'), Type.Literal('published'), Type.Literal('withdrawn')]);
const Validity = Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('repealed')]);
// Generous outer caps; the exact limits and formats are checked by validateFields, with Chinese messages per field.
const Text = (maxLength: number) => Type.String({ maxLength });
const NullableText = (maxLength: number) => Type.Union([Type.String({ maxLength }), Type.Null()]);

/** Fields an editor may set. There is deliberately no publish time: the system sets it. */
const fieldProps = {
  subtitle: Type.Optional(Text(1000)),
  bodyHtml: Type.Optional(Text(2_000_000)),
  summary: Type.Optional(Text(4000)),
  keywords: Type.Optional(Text(1000)),
  documentNumber: Type.Optional(NullableText(200)),
  topicCategory: Type.Optional(NullableText(200)),
  genre: Type.Optional(NullableText(64)),
  validity: Type.Optional(Validity),
  validityDate: Type.Optional(NullableText(20)),
  issuingOrgName: Type.Optional(Text(400)),
  dateWritten: Type.Optional(NullableText(20)),
  source: Type.Optional(Text(400)),
  correctionNote: Type.Optional(NullableText(2000)),
};

export const listSchema = {
  tags, summary: '稿件列表（键集分页） / Documents (keyset pagination)',
  querystring: Obj({
    siteId: Type.Optional(Id), columnId: Type.Optional(Id), status: Type.Optional(Status), kind: Type.Optional(Kind),
    q: Type.Optional(Type.String({ maxLength: 100 })), cursor: Type.Optional(Type.String({ maxLength: 100 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  }),
};

export const createSchema = {
  tags, summary: '新建稿件草稿 / Create a draft document',
  body: Obj({ columnId: Id, kind: Kind, orgId: Type.Optional(Id), title: Text(1000), ...fieldProps }),
};

export const getSchema = { tags, summary: '稿件详情（当前版本） / Document with its current edition', params: IdParams };

export const saveSchema = {
  tags, summary: '保存稿件（需 lockVersion） / Save the draft (with lockVersion)',
  params: IdParams,
  body: Obj({ lockVersion: Type.Integer({ minimum: 1, maximum: 2_000_000_000 }), title: Type.Optional(Text(1000)), ...fieldProps }),
};

export const editionsSchema = { tags, summary: '修订历史 / Revision history (editions)', params: IdParams };

export const diffSchema = {
  tags, summary: '比较两个版本 / Diff between two editions',
  params: IdParams,
  querystring: Obj({ from: Id, to: Id }),
};

export const uploadSchema = {
  tags, summary: '上传附件（multipart，字段 file） / Upload an attachment (multipart, field "file")',
  params: IdParams, consumes: ['multipart/form-data'],
};

export const downloadSchema = { tags, summary: '下载附件 / Download an attachment', params: IdParams };
export const deleteAttachmentSchema = { tags, summary: '删除草稿中的附件 / Delete an attachment of a draft', params: IdParams };

export const optionsSchema = { tags, summary: '稿件元数据选项（主题分类、体裁） / Metadata options (topic categories, genres)' };
