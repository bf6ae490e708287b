import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';
import { installValidators } from '../../src/platform/http/validator.js';
import { installErrorHandler } from '../../src/platform/http/error-handler.js';
import { joinValidationMessages, translateValidation, type AjvLikeError } from '../../src/platform/http/validation-errors.js';
import { fieldLabel } from '../../src/platform/i18n/field-names.js';
import { VisibleText } from '../../src/platform/http/schema.js';
import type { Locale } from '../../src/platform/i18n/locale.js';

/**
 * Real Ajv errors: schemas compiled by the validators the server installs (coercing for the
 * query string, strict for bodies), so these tests see what Fastify hands the error handler.
 */
const compilerApp = Fastify();
installValidators(compilerApp);
after(async () => { await compilerApp.close(); });

type Part = 'body' | 'querystring';
function ajvErrors(schema: TSchema, data: unknown, part: Part = 'body'): AjvLikeError[] {
  const validate = compilerApp.validatorCompiler!({ schema, method: 'POST', url: '/', httpPart: part }) as ((d: unknown) => boolean) & { errors?: AjvLikeError[] | null };
  assert.equal(validate(data), false, `expected ${JSON.stringify(data)} to fail`);
  return validate.errors ?? [];
}

const translate = (schema: TSchema, data: unknown, locale: Locale, part: Part = 'body') =>
  translateValidation(ajvErrors(schema, data, part), part, locale);
const CJK = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

const Search = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('date')])),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
}, { additionalProperties: false });

const Nullable = Type.Object({
  email: Type.Union([Type.String({ maxLength: 5 }), Type.Null()]),
}, { additionalProperties: false });

describe('validation errors: a failed union is one entry', () => {
  test('a union of literals lists the allowed values (query string, coerced)', () => {
    const zh = translate(Search, { sort: 'oldest' }, 'zh-CN', 'querystring');
    assert.deepEqual(zh, [{ field: 'querystring.sort', code: 'validation.enum', message: '字段“排序（sort）”的取值应为以下之一：relevance、date' }]);
    const en = translate(Search, { sort: 'oldest' }, 'en', 'querystring');
    assert.deepEqual(en, [{ field: 'querystring.sort', code: 'validation.enum', message: 'Field "sort" must be one of: relevance, date' }]);
  });

  test('a literal union given the wrong type still lists the values, not the literals\' type', () => {
    const Kind = Type.Object({ kind: Type.Union([Type.Literal('department'), Type.Literal('region'), Type.Literal('office')]) });
    const raw = ajvErrors(Kind, { kind: 5 });
    assert.ok(raw.length >= 4, 'Ajv reports each alternative (type and const) and the anyOf');
    assert.deepEqual(translateValidation(raw, 'body', 'zh-CN'), [{ field: 'kind', code: 'validation.enum', message: '字段“类型（kind）”的取值应为以下之一：department、region、office' }]);
    assert.deepEqual(translateValidation(raw, 'body', 'en'), [{ field: 'kind', code: 'validation.enum', message: 'Field "kind" must be one of: department, region, office' }]);
  });

  test('a nullable field names the types in words', () => {
    assert.deepEqual(translate(Nullable, { email: 5 }, 'zh-CN'), [{ field: 'email', code: 'validation.type', message: '字段“电子邮箱（email）”的类型应为字符串或空值（null）' }]);
    assert.deepEqual(translate(Nullable, { email: 5 }, 'en'), [{ field: 'email', code: 'validation.type', message: 'Field "email" must be a string or null' }]);
  });

  test('an alternative that failed for a deeper reason wins over the summary', () => {
    assert.deepEqual(translate(Nullable, { email: 'toolong' }, 'zh-CN'), [{ field: 'email', code: 'validation.maxLength', message: '字段“电子邮箱（email）”最多 5 个字符' }]);
    assert.deepEqual(translate(Nullable, { email: 'toolong' }, 'en'), [{ field: 'email', code: 'validation.maxLength', message: 'Field "email" must be at most 5 characters' }]);
    const Parent = Type.Object({ parentId: Type.Union([Type.Object({ id: Type.Integer() }), Type.Null()]) });
    assert.deepEqual(translate(Parent, { parentId: { id: 'x' } }, 'en'), [{ field: 'parentId.id', code: 'validation.type', message: 'Field "parentId.id" must be an integer' }]);
    assert.deepEqual(translate(Parent, { parentId: {} }, 'zh-CN'), [{ field: 'parentId.id', code: 'validation.required', message: '缺少必填字段“parentId.id”' }]);
  });

  test('literals mixed with a type: values and the type', () => {
    const Limit = Type.Object({ limit: Type.Union([Type.Literal('auto'), Type.Integer()]) });
    assert.deepEqual(translate(Limit, { limit: 'x' }, 'zh-CN'), [{ field: 'limit', code: 'validation.enum', message: '字段“limit”的取值应为 auto，或为整数' }]);
    assert.deepEqual(translate(Limit, { limit: 'x' }, 'en'), [{ field: 'limit', code: 'validation.enum', message: 'Field "limit" must be auto, or an integer' }]);
  });

  test('a union nested in a union folds into one entry', () => {
    const Nested = Type.Object({ mode: Type.Union([Type.Union([Type.Literal('a'), Type.Literal('b')]), Type.Null()]) });
    assert.deepEqual(translate(Nested, { mode: 'c' }, 'zh-CN'), [{ field: 'mode', code: 'validation.enum', message: '字段“mode”的取值应为以下之一：a、b，或为空值（null）' }]);
  });

  test('without schemaPath (hand-made errors) a literal union still reads as one entry', () => {
    const errors: AjvLikeError[] = [
      { instancePath: '/sort', keyword: 'const', params: { allowedValue: 'relevance' } },
      { instancePath: '/sort', keyword: 'const', params: { allowedValue: 'date' } },
      { instancePath: '/sort', keyword: 'anyOf', params: {} },
    ];
    assert.deepEqual(translateValidation(errors, 'querystring', 'en'), [{ field: 'querystring.sort', code: 'validation.enum', message: 'Field "sort" must be one of: relevance, date' }]);
  });
});

describe('validation errors: types in words', () => {
  const Typed = Type.Object({
    orgId: Type.Optional(Type.Integer()), ratio: Type.Optional(Type.Number()), isEnabled: Type.Optional(Type.Boolean()),
    options: Type.Optional(Type.Array(Type.String())), contact: Type.Optional(Type.Object({})), name: Type.Optional(Type.String()),
  });
  const cases: readonly [Record<string, unknown>, string, string][] = [
    [{ orgId: 'one' }, '字段“所属机构（orgId）”的类型应为整数', 'Field "orgId" must be an integer'],
    [{ orgId: 1.5 }, '字段“所属机构（orgId）”的类型应为整数', 'Field "orgId" must be an integer'],
    [{ ratio: 'x' }, '字段“ratio”的类型应为数字', 'Field "ratio" must be a number'],
    [{ isEnabled: 'yes' }, '字段“是否启用（isEnabled）”的类型应为布尔值（true/false）', 'Field "isEnabled" must be a boolean'],
    [{ options: 'a' }, '字段“选项（options）”的类型应为数组', 'Field "options" must be an array'],
    [{ contact: 'a' }, '字段“contact”的类型应为对象', 'Field "contact" must be an object'],
    [{ name: { zh: '对象' } }, '字段“名称（name）”的类型应为字符串', 'Field "name" must be a string'],
  ];
  for (const [data, zh, en] of cases) {
    test(`${JSON.stringify(data)}`, () => {
      assert.deepEqual(translate(Typed, data, 'zh-CN').map((e) => [e.code, e.message]), [['validation.type', zh]]);
      assert.deepEqual(translate(Typed, data, 'en').map((e) => [e.code, e.message]), [['validation.type', en]]);
    });
  }

  test('no raw JSON-schema type name is left in a Chinese message', () => {
    for (const [data] of cases) {
      const [e] = translate(Typed, data, 'zh-CN');
      assert.doesNotMatch(e!.message, /应为(string|integer|number|boolean|object|array|null)/, e!.message);
    }
  });
});

describe('validation errors: the request body itself', () => {
  const Body = Type.Object({ username: Type.String() });
  for (const body of [null, undefined, [], 'hello', 5]) {
    test(`body ${JSON.stringify(body) ?? 'missing'}`, () => {
      assert.deepEqual(translate(Body, body, 'zh-CN'), [{ field: '(root)', code: 'validation.type', message: '请求体应为 JSON 对象' }]);
      assert.deepEqual(translate(Body, body, 'en'), [{ field: '(root)', code: 'validation.type', message: 'The request body must be a JSON object' }]);
    });
  }

  test('other keywords at the root name the request part, not "(root)"', () => {
    const AtLeastOne = Type.Object({ name: Type.Optional(Type.String()) }, { minProperties: 1 });
    assert.deepEqual(translate(AtLeastOne, {}, 'zh-CN'), [{ field: '(root)', code: 'validation.minProperties', message: '请求体至少需要包含 1 个字段' }]);
    assert.deepEqual(translate(AtLeastOne, {}, 'en'), [{ field: '(root)', code: 'validation.minProperties', message: 'The request body must contain at least 1 field' }]);
    assert.deepEqual(translate(AtLeastOne, {}, 'zh-CN', 'querystring'), [{ field: 'querystring.(root)', code: 'validation.minProperties', message: '查询参数至少需要包含 1 个字段' }]);
    const Arr = Type.Array(Type.Integer());
    assert.deepEqual(translate(Arr, {}, 'zh-CN').map((e) => e.message), ['请求体应为 JSON 数组']);
    assert.deepEqual(translate(Arr, {}, 'en').map((e) => e.message), ['The request body must be a JSON array']);
  });
});

describe('validation errors: object keys held to propertyNames', () => {
  const Meta = Type.Object({ metadata: Type.Record(Type.String(), Type.String(), { propertyNames: VisibleText(4) }) });
  const Root = Type.Record(Type.String(), Type.String(), { propertyNames: VisibleText(4) });

  test('the key is blamed, not the object, once, in each language', () => {
    assert.deepEqual(translate(Meta, { metadata: { '': 'x' } }, 'zh-CN'), [{ field: 'metadata', code: 'validation.minLength', message: '字段“元数据（metadata）”中的字段名不能为空' }]);
    assert.deepEqual(translate(Meta, { metadata: { '': 'x' } }, 'en'), [{ field: 'metadata', code: 'validation.minLength', message: 'A field name in "metadata" must not be empty' }]);
    assert.deepEqual(translate(Meta, { metadata: { ' ': 'x' } }, 'zh-CN').map((e) => e.message), ['字段“元数据（metadata）”中的字段名“ ”不能为空白']);
    assert.deepEqual(translate(Meta, { metadata: { abcde: 'x' } }, 'en').map((e) => e.message), ['A field name "abcde" in "metadata" must be at most 4 characters']);
    assert.deepEqual(translate(Root, { '': 'x' }, 'zh-CN').map((e) => e.message), ['请求体中的字段名不能为空']);
    assert.deepEqual(translate(Root, { '': 'x' }, 'en').map((e) => e.message), ['A field name in the request body must not be empty']);
  });
});

describe('validation errors: field labels are own names only', () => {
  test('prototype members are not labels', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      assert.equal(fieldLabel(name, 'zh-CN'), name);
      assert.equal(fieldLabel(`querystring.${name}`, 'zh-CN'), `querystring.${name}`);
    }
    assert.equal(fieldLabel('orgId', 'zh-CN'), '所属机构（orgId）');
    assert.equal(fieldLabel('questions.0.title', 'zh-CN'), '标题（questions.0.title）');
    assert.equal(fieldLabel('orgId', 'en'), 'orgId');
  });

  test('an unknown query key named like a prototype member reads as itself', () => {
    const proto = JSON.parse('{"__proto__":"1"}') as Record<string, unknown>;
    assert.deepEqual(translate(Search, proto, 'zh-CN', 'querystring'), [{ field: 'querystring.__proto__', code: 'validation.additionalProperties', message: '不允许的字段“__proto__”' }]);
    assert.deepEqual(translate(Search, { constructor: '1' }, 'zh-CN', 'querystring'), [{ field: 'querystring.constructor', code: 'validation.additionalProperties', message: '不允许的字段“constructor”' }]);
    assert.deepEqual(translate(Search, { constructor: '1' }, 'en', 'querystring').map((e) => e.message), ['Unknown field "constructor"']);
  });

  test('labels QA found missing', () => {
    assert.equal(fieldLabel('ownerOrgId', 'zh-CN'), '主办单位机构（ownerOrgId）');
    assert.equal(fieldLabel('primaryDomain', 'zh-CN'), '主域名（primaryDomain）');
    assert.equal(fieldLabel('creditCode', 'zh-CN'), '统一社会信用代码/机构代码（creditCode）');
    assert.equal(fieldLabel('slug', 'zh-CN'), '英文标识（slug）');
    assert.equal(fieldLabel('keywords', 'zh-CN'), '关键词（keywords）');
  });
});

describe('validation errors: each keyword in both languages', () => {
  const Everything = Type.Object({
    displayName: Type.Optional(VisibleText(100)),
    username: Type.Optional(Type.String({ minLength: 3, maxLength: 8, pattern: '^[a-z]+$' })),
    reason: Type.Optional(Type.String({ minLength: 1 })),
    email: Type.Optional(Type.String({ format: 'email' })),
    date: Type.Optional(Type.String({ format: 'date' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
    ratio: Type.Optional(Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 })),
    step: Type.Optional(Type.Integer({ multipleOf: 5 })),
    level: Type.Optional(Type.Literal('city')),
    status: Type.Optional(Type.Enum(['draft', 'published'])),
    options: Type.Optional(Type.Array(Type.String(), { minItems: 2, maxItems: 3, uniqueItems: true })),
    contact: Type.Optional(Type.Object({ phone: Type.String() }, { additionalProperties: false })),
  }, { additionalProperties: false });
  const Needs = Type.Object({ title: Type.String() });

  const cases: readonly [string, TSchema, Record<string, unknown>, string, string, string][] = [
    ['required', Needs, {}, 'title', '缺少必填字段“标题（title）”', 'Missing required field "title"'],
    ['additionalProperties', Everything, { isAdmin: true }, 'isAdmin', '不允许的字段“isAdmin”', 'Unknown field "isAdmin"'],
    ['pattern (blank)', Everything, { displayName: '   ' }, 'displayName', '字段“姓名（displayName）”不能为空白', 'Field "displayName" must not be blank'],
    ['minLength', Everything, { username: 'ab' }, 'username', '字段“用户名（username）”至少需要 3 个字符', 'Field "username" must be at least 3 characters'],
    ['minLength 1', Everything, { reason: '' }, 'reason', '字段“原因（reason）”不能为空', 'Field "reason" must not be empty'],
    ['maxLength', Everything, { username: 'abcdefghi' }, 'username', '字段“用户名（username）”最多 8 个字符', 'Field "username" must be at most 8 characters'],
    ['pattern', Everything, { username: 'ABC' }, 'username', '字段“用户名（username）”的格式不正确', 'Field "username" is not in the expected format'],
    ['format email', Everything, { email: 'nope' }, 'email', '字段“电子邮箱（email）”的格式不正确（应为电子邮箱地址）', 'Field "email" is not in the expected format (expected an email address)'],
    ['format date', Everything, { date: '2024-13-01' }, 'date', '字段“日期（date）”的格式不正确（应为日期，如 2024-01-31）', 'Field "date" is not in the expected format (expected a date such as 2024-01-31)'],
    ['minimum', Everything, { page: 0 }, 'page', '字段“页码（page）”不能小于 1', 'Field "page" must be at least 1'],
    ['maximum', Everything, { page: 11 }, 'page', '字段“页码（page）”不能大于 10', 'Field "page" must be at most 10'],
    ['exclusiveMinimum', Everything, { ratio: 0 }, 'ratio', '字段“ratio”应大于 0', 'Field "ratio" must be greater than 0'],
    ['exclusiveMaximum', Everything, { ratio: 1 }, 'ratio', '字段“ratio”应小于 1', 'Field "ratio" must be less than 1'],
    ['multipleOf', Everything, { step: 7 }, 'step', '字段“step”应为 5 的整数倍', 'Field "step" must be a multiple of 5'],
    ['const', Everything, { level: 'town' }, 'level', '字段“层级（level）”的取值应为 city', 'Field "level" must be city'],
    ['enum', Everything, { status: 'gone' }, 'status', '字段“状态（status）”的取值应为以下之一：draft、published', 'Field "status" must be one of: draft, published'],
    ['minItems', Everything, { options: ['a'] }, 'options', '字段“选项（options）”至少需要 2 项', 'Field "options" must have at least 2 items'],
    ['maxItems', Everything, { options: ['a', 'b', 'c', 'd'] }, 'options', '字段“选项（options）”最多 3 项', 'Field "options" must have at most 3 items'],
    ['uniqueItems', Everything, { options: ['a', 'b', 'a'] }, 'options', '字段“选项（options）”含有重复的项（第 1 项与第 3 项相同）', 'Field "options" must not repeat an item (items 1 and 3 are the same)'],
    ['nested additionalProperties', Everything, { contact: { phone: '1', fax: '1' } }, 'contact.fax', '不允许的字段“contact.fax”', 'Unknown field "contact.fax"'],
    ['maxProperties', Type.Object({ contact: Type.Object({}, { maxProperties: 1 }) }), { contact: { a: 1, b: 2 } }, 'contact', '字段“contact”最多包含 1 个字段', 'Field "contact" must contain at most 1 field'],
  ];
  for (const [keyword, schema, data, field, zh, en] of cases) {
    test(keyword, () => {
      const z = translate(schema, data, 'zh-CN');
      const e = translate(schema, data, 'en');
      assert.deepEqual(z.map((x) => [x.field, x.message]), [[field, zh]]);
      assert.deepEqual(e.map((x) => [x.field, x.message]), [[field, en]]);
      assert.equal(z[0]!.code, e[0]!.code, 'the code does not depend on the language');
      assert.doesNotMatch(e[0]!.message, CJK, 'English is English');
      assert.doesNotMatch(e[0]!.message, /must NOT|equal to constant|allowed values|must match/, 'not Ajv\'s own wording');
    });
  }

  test('an unknown keyword still gets a sentence in each language', () => {
    const e: AjvLikeError[] = [{ instancePath: '/x', keyword: 'if', params: { failingKeyword: 'then' }, message: 'must match "then" schema' }];
    assert.equal(translateValidation(e, 'body', 'zh-CN')[0]!.message, '字段“x”的取值不符合要求');
    assert.equal(translateValidation(e, 'body', 'en')[0]!.message, 'Field "x" is invalid');
  });

  test('messages join with the locale\'s separator', () => {
    const errors = [{ field: 'a', code: 'validation.required', message: 'one' }, { field: 'b', code: 'validation.required', message: 'two' }];
    assert.equal(joinValidationMessages(errors, 'zh-CN'), 'one；two');
    assert.equal(joinValidationMessages(errors, 'en'), 'one; two');
  });
});

describe('validation errors: through the error handler', () => {
  let app: FastifyInstance;
  before(async () => {
    app = Fastify();
    installValidators(app);
    installErrorHandler(app, async () => {});
    app.get('/search', { schema: { querystring: Search } }, async () => ({ ok: true }));
    app.post('/contact', { schema: { body: Type.Object({ email: Type.Union([Type.String({ maxLength: 5 }), Type.Null()]), page: Type.Integer() }, { additionalProperties: false }) } }, async () => ({ ok: true }));
    await app.ready();
  });
  after(async () => { await app.close(); });

  interface Problem { code: string; detail: string; errors: { field: string; code: string; message: string }[] }

  test('a literal union in the query string: one entry, in the detail too', async () => {
    const zh = (await app.inject({ method: 'GET', url: '/search?sort=oldest' })).json<Problem>();
    assert.equal(zh.code, 'http.validation');
    assert.deepEqual(zh.errors.map((e) => [e.field, e.code]), [['querystring.sort', 'validation.enum']]);
    assert.equal(zh.detail, '请求参数有误：字段“排序（sort）”的取值应为以下之一：relevance、date');
    const en = (await app.inject({ method: 'GET', url: '/search?sort=oldest', headers: { 'accept-language': 'en' } })).json<Problem>();
    assert.equal(en.detail, 'Invalid request: Field "sort" must be one of: relevance, date');
  });

  test('prototype names in the query string are reported as themselves', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const p = (await app.inject({ method: 'GET', url: `/search?${key}=1` })).json<Problem>();
      assert.equal(p.code, 'http.validation', key);
      assert.deepEqual(p.errors, [{ field: `querystring.${key}`, code: 'validation.additionalProperties', message: `不允许的字段“${key}”` }]);
    }
  });

  test('a missing body is "the request body must be a JSON object"', async () => {
    const zh = (await app.inject({ method: 'POST', url: '/contact' })).json<Problem>();
    assert.deepEqual(zh.errors, [{ field: '(root)', code: 'validation.type', message: '请求体应为 JSON 对象' }]);
    assert.equal(zh.detail, '请求参数有误：请求体应为 JSON 对象');
    const en = (await app.inject({ method: 'POST', url: '/contact', headers: { 'accept-language': 'en' } })).json<Problem>();
    assert.equal(en.detail, 'Invalid request: The request body must be a JSON object');
  });

  test('a nullable field in a JSON body, in English', async () => {
    const en = (await app.inject({ method: 'POST', url: '/contact', payload: { email: 5, page: 1 }, headers: { 'accept-language': 'en' } })).json<Problem>();
    assert.deepEqual(en.errors, [{ field: 'email', code: 'validation.type', message: 'Field "email" must be a string or null' }]);
    assert.equal(en.detail, 'Invalid request: Field "email" must be a string or null');
    assert.doesNotMatch(en.detail, CJK);
  });
});
