import { defineErrors } from './error-registry.js';

/** Codes the HTTP kernel itself raises. */
export const HttpErrors = defineErrors({
  'http.validation': { status: 400, zh: '请求参数有误：{summary}', en: 'Invalid request: {summary}' },
  'http.bad_json': { status: 400, zh: '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  'http.forbidden_key': { status: 400, zh: '请求中含有不允许的属性名（如 __proto__、constructor）', en: 'The request contains a forbidden property name (such as __proto__ or constructor)' },
  'http.invalid_text': { status: 400, zh: '请求中含有不允许的字符（如空字符、控制字符、文字方向控制符或不成对的代理字符）', en: 'The request contains characters that are not allowed (such as NUL, control characters, bidirectional overrides or unpaired surrogates)' },
  'http.unsupported_media_type': { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  'http.body_too_large': { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  'http.uri_too_long': { status: 414, zh: '请求地址过长', en: 'The request URL is too long' },
  'http.headers_too_large': { status: 431, zh: '请求头过大（如 Cookie 过多或过长）', en: 'The request header fields are too large (too many or too long cookies, for example)' },
  'http.request_timeout': { status: 408, zh: '请求未在规定时间内发送完毕', en: 'The request was not sent in time' },
  'http.not_found': { status: 404, zh: '请求的地址不存在', en: 'Not found' },
  'http.method_not_allowed': { status: 405, zh: '不支持该请求方法', en: 'Method not allowed' },
  'http.rate_limited': { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please retry later' },
  'http.overloaded': { status: 503, zh: '服务器繁忙，请稍后再试', en: 'The server is busy; please retry later' },
  'http.bad_request': { status: 400, zh: '请求有误', en: 'Bad request' },
  'http.internal': { status: 500, zh: '服务器内部错误，请联系管理员', en: 'Internal server error; please contact the administrator' },
  'auth.unauthenticated': { status: 401, zh: '请先登录', en: 'Please sign in' },
  'auth.forbidden': { status: 403, zh: '没有执行此操作的权限', en: 'You do not have permission to do this' },
  'auth.csrf': { status: 403, zh: '安全令牌（CSRF）缺失或无效，请刷新页面后重试', en: 'Missing or invalid CSRF token; reload the page and retry' },
  'auth.mfa_setup_required': { status: 403, zh: '您的角色要求先设置双因素认证', en: 'Your role requires two-factor authentication to be set up first' },
  'auth.password_change_required': { status: 403, zh: '请先修改密码', en: 'You must change your password first' },
});
