/**
 * The checked-in role × route table. Each row gives the exact answer class for every role:
 * 2 = 2xx, 3 = 403, 1 = 401. Columns (in order): the ten built-in roles, then anonymous.
 * access-matrix.test.ts signs in as each role and asserts every cell, and fails when a route
 * exists that this table does not list (or lists as SKIPPED with a reason).
 */
export const ROLE_COLUMNS = [
  'system_admin', 'security_admin', 'audit_admin', 'platform_supervisor', 'site_admin',
  'editor', 'reviewer', 'secrecy_reviewer', 'interaction_handler', 'template_developer', 'anonymous',
] as const;

//                                            sys sec aud sup site edi rev sec han tpl anon
export const ACCESS_MATRIX: Readonly<Record<string, string>> = {
  'GET /healthz':                             '2   2   2   2   2   2   2   2   2   2   2',
  'GET /metrics':                             '2   2   2   2   2   2   2   2   2   2   2',
  'GET /api/openapi.json':                    '2   2   2   2   2   2   2   2   2   2   2',
  'GET /api/v1/auth/me':                      '2   2   2   2   2   2   2   2   2   2   1',
  'GET /api/v1/orgs':                         '2   2   2   2   2   3   3   3   3   3   1',
  'POST /api/v1/orgs':                        '2   3   3   3   3   3   3   3   3   3   1',
  'GET /api/v1/users':                        '2   2   3   3   3   3   3   3   3   3   1',
  'POST /api/v1/users':                       '2   3   3   3   3   3   3   3   3   3   1',
  'PATCH /api/v1/users/:id':                  '2   3   3   3   3   3   3   3   3   3   1',
  'POST /api/v1/users/:id/reset-password':    '2   3   3   3   3   3   3   3   3   3   1',
  'POST /api/v1/users/:id/unlock':            '3   2   3   3   3   3   3   3   3   3   1',
  'POST /api/v1/users/:id/reset-totp':        '3   2   3   3   3   3   3   3   3   3   1',
  'GET /api/v1/roles':                        '2   2   3   3   3   3   3   3   3   3   1',
  'GET /api/v1/grants':                       '2   2   3   3   3   3   3   3   3   3   1',
  'POST /api/v1/grants':                      '3   2   3   3   3   3   3   3   3   3   1',
  'DELETE /api/v1/grants/:id':                '3   2   3   3   3   3   3   3   3   3   1',
  'GET /api/v1/audit/events':                 '3   3   2   3   3   3   3   3   3   3   1',
  'GET /api/v1/audit/events.csv':             '3   3   2   3   3   3   3   3   3   3   1',
  'POST /api/v1/audit/verify':                '3   3   2   3   3   3   3   3   3   3   1',
  'GET /api/v1/jobs':                         '2   3   3   3   3   3   3   3   3   3   1',
  'GET /api/v1/jobs/schedules':               '2   3   3   3   3   3   3   3   3   3   1',
  'GET /api/v1/jobs/:id':                     '2   3   3   3   3   3   3   3   3   3   1',
  'POST /api/v1/jobs/:id/retry':              '2   3   3   3   3   3   3   3   3   3   1',
  'POST /api/v1/jobs/:id/cancel':             '2   3   3   3   3   3   3   3   3   3   1',
  'POST /api/v1/jobs/demo':                   '2   3   3   3   3   3   3   3   3   3   1',
  'GET /api/v1/calendar/status':              '2   2   2   2   2   2   2   2   2   2   1',
  'GET /api/v1/calendar/years/:year':         '2   2   2   2   2   2   2   2   2   2   1',
  'GET /api/v1/calendar/check':               '2   2   2   2   2   2   2   2   2   2   1',
  'POST /api/v1/calendar/import':             '2   3   3   3   3   3   3   3   3   3   1',
};

/** Routes outside the cell-by-cell run, each with the reason and the test that covers it. */
export const SKIPPED: Readonly<Record<string, string>> = {
  'POST /api/v1/auth/login': 'public by design; identity-auth.test.ts covers grants, refusals, lockout and throttle',
  'POST /api/v1/auth/logout': 'ends the session the matrix reuses; identity-auth.test.ts',
  'POST /api/v1/auth/logout-all': 'ends every session of the user; identity-auth.test.ts',
  'POST /api/v1/auth/password': 'changes the credential the matrix reuses; identity-auth.test.ts',
  'POST /api/v1/auth/totp/setup': 'enrolment flow; identity-auth.test.ts',
  'POST /api/v1/auth/totp/enable': 'enrolment flow; identity-auth.test.ts',
  'GET /api/v1/jobs/stream': 'server-sent events never end under inject(); jobs-stream test checks 200/401/403 over a real socket',
  'GET /': 'redirect to the console',
};

/** Prefixes served by plugins (static console, API docs), all public. */
export const PUBLIC_PREFIXES = ['/admin', '/api/docs'] as const;
