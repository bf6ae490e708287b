/**
 * What the text guard refuses in a visitor's text (the body of a public route) and in anyone
 * else's; the ids the public pages take; the Chinese names of the public forms' fields.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../src/platform/http/error-registry.js';
import '../../src/platform/http/errors.js';
import { checkRequestText, withoutForbiddenText } from '../../src/platform/http/text-guard.js';
import { access, type AccessRule } from '../../src/platform/identity/permissions.js';
import { fieldLabel } from '../../src/platform/i18n/field-names.js';
import { pageId } from '../../src/modules/interaction/public-pages-kit.js';

/** Just what checkRequestText reads of a request: the route's access and the language asked for. */
function request(rule: AccessRule, acceptLanguage = 'zh-CN'): FastifyRequest {
  return { routeOptions: { config: { access: rule } }, headers: { 'accept-language': acceptLanguage }, server: {} } as unknown as FastifyRequest;
}

function refusedField(req: FastifyRequest, part: string, value: unknown): string | null {
  try {
    checkRequestText(req, part, value);
    return null;
  } catch (err) {
    assert.ok(err instanceof AppError);
    assert.equal(err.code, 'http.invalid_text');
    return err.fieldErrors[0]!.field;
  }
}

const CONTROLS = ['\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u000e', '\u001b', '\u001f', '\u007f', '\u0085', '\u009b'];
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];

describe('text guard', () => {
  const visitor = request(access.public);
  const staff = request(access.permission('pages.alerts'));

  test('NUL and lone surrogates are refused everywhere, for everyone', () => {
    for (const req of [visitor, staff]) {
      assert.equal(refusedField(req, 'body', { body: 'a\u0000b' }), 'body');
      assert.equal(refusedField(req, 'body', { title: '部门\ud800' }), 'title');
      assert.equal(refusedField(req, 'querystring', { q: 'a\u0000' }), 'querystring.q');
    }
  });

  test('in the body of a public route: C0 controls but tab, LF and CR, DEL, C1 controls and the bidi embeddings, overrides and isolates', () => {
    for (const ch of [...CONTROLS, ...BIDI]) {
      const label = `U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`;
      assert.equal(refusedField(visitor, 'body', { body: `意见${ch}内容` }), 'body', label);
      assert.equal(refusedField(visitor, 'body', { fields: [{ nickname: `网友${ch}` }] }), 'fields.0.nickname', `${label} nested`);
      assert.equal(refusedField(visitor, 'body', { [`key${ch}`]: 'x' }), `key${ch}`, `${label} in a key`);
      // Not in the query of a public page (a page ignores what it cannot read), nor in staff's text.
      assert.equal(refusedField(visitor, 'querystring', { q: `a${ch}` }), null, `${label} in a public query`);
      assert.equal(refusedField(staff, 'body', { body: `a${ch}` }), null, `${label} from staff`);
    }
  });

  test('text stays text: tab, line breaks, emoji, CJK extension B, zero-width joiner, LRM/RLM, Uyghur', () => {
    for (const text of ['第一行\r\n\t第二行\n', '👍🏽 好评', '𠀀𪚥', '👨‍👩‍👧', 'a\u200eb\u200fc', 'ئۇيغۇرچە', '全角　空格']) {
      assert.equal(refusedField(visitor, 'body', { body: text }), null, JSON.stringify(text));
    }
  });

  test('the message names the field in the request\'s language', () => {
    try {
      checkRequestText(visitor, 'body', { nickname: 'a\u0007' });
      assert.fail('not refused');
    } catch (err) {
      assert.ok(err instanceof AppError);
      assert.equal(err.fieldErrors[0]!.message, '字段“昵称（nickname）”含有不允许的字符');
    }
  });

  test('withoutForbiddenText takes out exactly what a visitor\'s text may not hold', () => {
    assert.equal(withoutForbiddenText('a\u0000b\u0007c\u001bd\u202ee\u2066f\u009bg\ud800h'), 'abcdefgh');
    assert.equal(withoutForbiddenText('第一行\r\n\t第二行 👍 𠀀'), '第一行\r\n\t第二行 👍 𠀀');
    assert.equal(withoutForbiddenText('\u0007\u0007'), '', 'every one, not only the first');
  });
});

describe('ids of the public pages and forms', () => {
  test('plain decimal digits only, no leading zero, a safe integer', () => {
    for (const [raw, id] of [['1', 1], ['42', 42], ['9007199254740991', 9_007_199_254_740_991]] as const) assert.equal(pageId(raw), id, raw);
    for (const raw of ['', '0', '01', '1e0', '1E3', '0x10', ' 1', '1 ', '+1', '-1', '1.0', '1.', '１', '1abc', 'abc', '9007199254740992', '99999999999999999', '１２']) {
      assert.equal(pageId(raw), null, JSON.stringify(raw));
    }
    for (const raw of [undefined, null, 1, ['1'], {}]) assert.equal(pageId(raw), null, String(raw));
  });
});

describe('field names of the public forms', () => {
  test('the fields QA found bare have Chinese names', () => {
    assert.equal(fieldLabel('nickname', 'zh-CN'), '昵称（nickname）');
    assert.equal(fieldLabel('errorType', 'zh-CN'), '错误类型（errorType）');
    assert.equal(fieldLabel('satisfaction', 'zh-CN'), '满意度（satisfaction）');
    assert.equal(fieldLabel('clauseNo', 'zh-CN'), '条款（clauseNo）');
    assert.equal(fieldLabel('pageUrl', 'zh-CN'), '出错页面地址（pageUrl）');
    // English messages name the field as the API does.
    assert.equal(fieldLabel('nickname', 'en'), 'nickname');
  });
});
