import { Type } from 'typebox';
import { Id, Obj, Page, PageSize, VisibleText, errorResponses } from '../../platform/http/schema.js';
import { RULE_IDS } from './check-types.js';
import { COLUMN_KIND_NAMES } from './metadata-fields.js';

const tags = ['checks'];

const Category = Type.Union([Type.Literal('banned'), Type.Literal('outdated_name'), Type.Literal('miswritten'), Type.Literal('commercial_domain')]);
const EntrySeverity = Type.Union([Type.Literal('block'), Type.Literal('warn')]);
const RuleSeverity = Type.Union([Type.Literal('block'), Type.Literal('warn'), Type.Literal('off')]);
const Phrase = Type.String({ minLength: 1, maxLength: 100 });
const Suggestion = Type.String({ maxLength: 200 });

export const EntrySchema = Obj({
  id: Type.Integer(), phrase: Type.String(), suggestion: Type.String(), category: Category, severity: EntrySeverity, createdAt: Type.Integer(),
});

export const listDictionarySchema = {
  tags, summary: '错误及禁用表述词库 / Dictionary of wrong and banned expressions',
  querystring: Obj({
    category: Type.Optional(Category),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Page),
    pageSize: Type.Optional(PageSize),
  }),
  response: { 200: Obj({ total: Type.Integer(), items: Type.Array(EntrySchema) }) },
};

export const createEntrySchema = {
  tags, summary: '新增词条 / Add a dictionary entry',
  description: '词条可带上下文标记：`{日期}`（其后须为日期，如 `截止{日期}`）、`{非:字符}`（其前/后不能是这些字符，如 `农业部{非:门}`）。category 为 commercial_domain 时，phrase 为域名（可带路径前缀）。',
  body: Obj({ phrase: Phrase, suggestion: Type.Optional(Suggestion), category: Category, severity: EntrySeverity }),
  response: { 201: Obj({ entry: EntrySchema }), ...errorResponses(400, 403, 409) },
};

export const updateEntrySchema = {
  tags, summary: '修改词条 / Update a dictionary entry',
  params: Obj({ id: Id }),
  body: Obj({ phrase: Type.Optional(Phrase), suggestion: Type.Optional(Suggestion), category: Type.Optional(Category), severity: Type.Optional(EntrySeverity) }),
  response: { 200: Obj({ entry: EntrySchema }), ...errorResponses(400, 403, 404, 409) },
};

export const deleteEntrySchema = {
  tags, summary: '删除词条 / Delete a dictionary entry',
  params: Obj({ id: Id }),
  response: { 200: Obj({ ok: Type.Boolean() }), ...errorResponses(403, 404) },
};

export const importStarterSchema = {
  tags, summary: '导入初始词库（只添加缺少的词条） / Import the starter dictionary (adds missing entries only)',
  response: { 200: Obj({ added: Type.Integer(), skipped: Type.Integer() }) },
};

const RuleSchema = Obj({
  rule: Type.String(), severity: RuleSeverity, defaultSeverity: RuleSeverity, name: Type.String(), nameEn: Type.String(),
  description: Type.String(), descriptionEn: Type.String(), updatedAt: Type.Union([Type.Integer(), Type.Null()]),
});

export const listRulesSchema = {
  tags, summary: '检查规则及其级别 / Check rules and their severities',
  response: { 200: Obj({ items: Type.Array(RuleSchema) }) },
};

export const putRulesSchema = {
  tags, summary: '设置检查规则级别（block 阻止发布 / warn 警告 / off 关闭） / Set rule severities',
  body: Obj({ severities: Obj(Object.fromEntries(RULE_IDS.map((r) => [r, Type.Optional(RuleSeverity)]))) }),
  response: { 200: Obj({ items: Type.Array(RuleSchema) }), ...errorResponses(400, 403) },
};

const MetadataValue = Type.Union([
  Type.String({ maxLength: 10_000 }), Type.Number(), Type.Boolean(), Type.Null(), Type.Array(Type.String({ maxLength: 500 }), { maxItems: 200 }),
]);

const CheckResultSchema = Obj({
  rule: Type.String(), severity: EntrySeverity, message: Type.String(), messageEn: Type.String(), field: Type.String(),
  start: Type.Integer(), end: Type.Integer(), excerpt: Type.String(), suggestion: Type.Optional(Type.String()), url: Type.Optional(Type.String()),
});

export const runSchema = {
  tags, summary: '检查草稿（不保存） / Check a draft (nothing is stored)',
  description: '结果的 start/end 是字段纯文本中的位置；正文的纯文本（bodyText）按 htmlToPlainText 的规则由 HTML 转换而来，一并返回。未给出 requiredFields 时按 columnKind 的默认必填项检查。',
  body: Obj({
    title: Type.String({ maxLength: 500 }),
    bodyHtml: Type.String({ maxLength: 2_000_000 }),
    // A Record's key schema is not enforced by itself: propertyNames is. A blank name would be
    // reported as "缺少必填元数据：" with nothing after it.
    metadata: Type.Optional(Type.Record(Type.String(), MetadataValue, { propertyNames: VisibleText(64) })),
    requiredFields: Type.Optional(Type.Array(VisibleText(64), { maxItems: 50 })),
    columnKind: Type.Optional(Type.Enum(COLUMN_KIND_NAMES)),
    attachmentsText: Type.Optional(Type.Array(Obj({ name: Type.String({ maxLength: 255 }), text: Type.String({ maxLength: 2_000_000 }) }), { maxItems: 50 })),
  }),
  response: {
    200: Obj({
      results: Type.Array(CheckResultSchema),
      blocking: Type.Boolean(),
      counts: Obj({ block: Type.Integer(), warn: Type.Integer() }),
      bodyText: Type.String(),
    }),
  },
};
