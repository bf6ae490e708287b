/**
 * Every JIYUE_* setting in one table: name, parser, default and documentation.
 * docs/configuration.md is generated from this table (`jiyue config docs`) and a test
 * checks it has not drifted.
 */
import { isIP } from 'node:net';

export interface SettingDef<T> {
  readonly env: string;
  readonly key: string;
  readonly doc: string;
  readonly default: T;
  /** Human-readable list of allowed values, used in error messages and docs. */
  readonly allowed: string;
  readonly parse: (raw: string) => T | undefined;
}

const int = (min: number, max: number) => (raw: string): number | undefined => {
  if (!/^-?\d+$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
};
const oneOf = <T extends string>(...values: T[]) => (raw: string): T | undefined =>
  (values as string[]).includes(raw.trim()) ? (raw.trim() as T) : undefined;
const bool = (raw: string): boolean | undefined => {
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return undefined;
};
const list = (raw: string): string[] => raw.split(',').map((s) => s.trim()).filter(Boolean);
/** proxy-addr's names for address ranges, accepted by Fastify's trustProxy. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];
const trustedProxies = (raw: string): boolean | readonly string[] | undefined => {
  const b = bool(raw);
  if (b !== undefined) return b;
  const l = list(raw);
  const ok = (x: string) => {
    if (PROXY_RANGES.includes(x)) return true;
    const [addr = '', prefix, ...rest] = x.split('/');
    const v = isIP(addr);
    if (v === 0 || rest.length > 0) return false;
    return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (v === 4 ? 32 : 128));
  };
  return l.length > 0 && l.every(ok) ? l : undefined;
};

function def<T>(d: SettingDef<T>): SettingDef<T> {
  return d;
}

/** What one process can run: the console and its API, the public sites and their API, the background jobs. */
export const PROCESS_ROLES = ['admin', 'public', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

export const ROLE_NAMES = [
  'system_admin', 'security_admin', 'audit_admin', 'platform_supervisor', 'site_admin',
  'editor', 'reviewer', 'secrecy_reviewer', 'interaction_handler', 'template_developer',
] as const;

export const settings = {
  port: def({ env: 'PORT', key: 'port', default: 8080, allowed: 'integer 0–65535', parse: int(0, 65535),
    doc: 'TCP port the server listens on.' }),
  host: def({ env: 'HOST', key: 'host', default: '127.0.0.1', allowed: 'an IP address or host name', parse: (r) => (r.trim() ? r.trim() : undefined),
    doc: 'Address to listen on. The default keeps a fresh install private to this machine; use 0.0.0.0 behind a load balancer.' }),
  dataDir: def({ env: 'JIYUE_DATA_DIR', key: 'dataDir', default: './data', allowed: 'a directory path', parse: (r) => (r.trim() ? r.trim() : undefined),
    doc: 'Where the SQLite database, the key file, uploads and the page store live.' }),
  databaseUrl: def<string | null>({ env: 'DATABASE_URL', key: 'databaseUrl', default: null, allowed: 'postgres://user@host:port/db, or unset for embedded SQLite',
    parse: (r) => (/^postgres(ql)?:\/\/.+/.test(r.trim()) ? r.trim() : undefined),
    doc: 'Unset: embedded SQLite in the data directory. A postgres:// URL: run on PostgreSQL.' }),
  pgNamedStatements: def({ env: 'JIYUE_PG_NAMED_STATEMENTS', key: 'pgNamedStatements', default: true, allowed: 'true or false', parse: bool,
    doc: 'PostgreSQL: run the hottest look-ups (the session of every signed-in request) as named prepared statements, parsed once per connection and usually planned once. Turn off behind a pooler in transaction mode that does not carry prepared statements (PgBouncer before 1.21, or without max_prepared_statements).' }),
  secretKey: def<string | null>({ env: 'JIYUE_SECRET_KEY', key: 'secretKey', default: null, allowed: '64 hex characters, or versioned list `1:<hex>,2:<hex>`',
    parse: (r) => (/^([0-9a-fA-F]{64}|(\d+:[0-9a-fA-F]{64})(,\d+:[0-9a-fA-F]{64})*)$/.test(r.trim()) ? r.trim() : undefined),
    doc: 'Master key for field encryption and signing. Unset: a key file `secret.key` (mode 0600) is created in the data directory on first start. Losing it loses the encrypted data.' }),
  logLevel: def({ env: 'JIYUE_LOG_LEVEL', key: 'logLevel', default: 'info' as const, allowed: 'fatal, error, warn, info, debug, trace, silent',
    parse: oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), doc: 'Log level (pino).' }),
  roles: def({ env: 'JIYUE_ROLES', key: 'roles', default: PROCESS_ROLES as readonly ProcessRole[],
    allowed: 'comma-separated subset of admin, public, worker',
    parse: (r) => { const l = list(r); return l.length > 0 && l.every((x) => (PROCESS_ROLES as readonly string[]).includes(x)) ? (l as ProcessRole[]) : undefined; },
    doc: 'Which parts this process runs (the `--roles` flag of `jiyue serve` overrides it): `admin` the console and its API, `public` the public sites and '
      + 'the public API, `worker` the background jobs. Serving admin and public from separate processes needs PostgreSQL (docs/scale-out.md).' }),
  demoSeed: def({ env: 'JIYUE_DEMO_SEED', key: 'demoSeed', default: true, allowed: 'true or false', parse: bool,
    doc: '`jiyue start` seeds demo data into an empty database.' }),
  trustProxy: def<boolean | readonly string[]>({ env: 'JIYUE_TRUST_PROXY', key: 'trustProxy', default: false,
    allowed: 'false, true, or comma-separated proxy addresses: IPs, CIDRs, `loopback`, `linklocal`, `uniquelocal` (e.g. `127.0.0.1,::1`)', parse: trustedProxies,
    doc: 'Whose X-Forwarded-* headers to believe. Decides the client IP used for rate limits and audit, and whether the request was HTTPS. Behind nginx on the same machine use `loopback` (or `127.0.0.1,::1`): only hops from those addresses are trusted, so a client cannot pick its own address. `true` trusts every hop, i.e. the leftmost X-Forwarded-For entry, which the client controls: use it only behind a proxy that overwrites the header.' }),
  cookieSecure: def({ env: 'JIYUE_COOKIE_SECURE', key: 'cookieSecure', default: 'auto' as const, allowed: 'auto, always, never',
    parse: oneOf('auto', 'always', 'never'), doc: '`auto` marks the session cookie `Secure` when the request came over HTTPS.' }),
  bodyLimitBytes: def({ env: 'JIYUE_BODY_LIMIT_BYTES', key: 'bodyLimitBytes', default: 1_048_576, allowed: 'integer 1024–104857600', parse: int(1024, 104_857_600),
    doc: 'Largest JSON request body accepted; larger bodies get 413.' }),
  passwordIterations: def({ env: 'JIYUE_PASSWORD_ITERATIONS', key: 'passwordIterations', default: 190_000, allowed: 'integer 1000–10000000', parse: int(1000, 10_000_000),
    doc: 'PBKDF2-HMAC-SM3 iterations for new password hashes (about 100 ms per hash on a 2-core reference machine). Existing hashes are upgraded at the next login.' }),
  passwordMinLength: def({ env: 'JIYUE_PASSWORD_MIN_LENGTH', key: 'passwordMinLength', default: 12, allowed: 'integer 8–128', parse: int(8, 128),
    doc: 'Minimum password length (see docs/adr/0002).' }),
  passwordRequiredClasses: def({ env: 'JIYUE_PASSWORD_REQUIRED_CLASSES', key: 'passwordRequiredClasses', default: 3, allowed: 'integer 1–4', parse: int(1, 4),
    doc: 'How many of the four character classes (lower, upper, digit, symbol) a password must contain (等保 complexity).' }),
  passwordHistory: def({ env: 'JIYUE_PASSWORD_HISTORY', key: 'passwordHistory', default: 5, allowed: 'integer 0–24', parse: int(0, 24),
    doc: 'A new password may not equal any of this many previous ones.' }),
  passwordMaxAgeDays: def({ env: 'JIYUE_PASSWORD_MAX_AGE_DAYS', key: 'passwordMaxAgeDays', default: 180, allowed: 'integer 0–3650 (0 = never expires)', parse: int(0, 3650),
    doc: 'After this many days the user must change the password at next login (等保 periodic change; see docs/adr/0002).' }),
  lockoutThreshold: def({ env: 'JIYUE_LOCKOUT_THRESHOLD', key: 'lockoutThreshold', default: 5, allowed: 'integer 3–20', parse: int(3, 20),
    doc: 'Consecutive failed logins that lock an account.' }),
  lockoutMinutes: def({ env: 'JIYUE_LOCKOUT_MINUTES', key: 'lockoutMinutes', default: 30, allowed: 'integer 1–1440', parse: int(1, 1440),
    doc: 'How long a locked account stays locked (a security admin may unlock earlier).' }),
  loginRatePerMinute: def({ env: 'JIYUE_LOGIN_RATE_PER_MINUTE', key: 'loginRatePerMinute', default: 20, allowed: 'integer 1–10000', parse: int(1, 10_000),
    doc: 'Login attempts allowed per client IP per minute; more get 429.' }),
  sessionIdleMinutes: def({ env: 'JIYUE_SESSION_IDLE_MINUTES', key: 'sessionIdleMinutes', default: 30, allowed: 'integer 1–1440', parse: int(1, 1440),
    doc: 'A session unused for this long ends (等保: 10–30 min).' }),
  sessionAbsoluteHours: def({ env: 'JIYUE_SESSION_ABSOLUTE_HOURS', key: 'sessionAbsoluteHours', default: 12, allowed: 'integer 1–168', parse: int(1, 168),
    doc: 'A session ends this long after login however active it is.' }),
  mfaRequiredRoles: def({ env: 'JIYUE_MFA_REQUIRED_ROLES', key: 'mfaRequiredRoles', default: ['system_admin', 'security_admin', 'audit_admin', 'site_admin'] as readonly string[],
    allowed: `comma-separated role names (${ROLE_NAMES.join(', ')}), or "none"`,
    parse: (r) => { if (r.trim() === 'none') return []; const l = list(r); return l.every((x) => (ROLE_NAMES as readonly string[]).includes(x)) ? l : undefined; },
    doc: 'Holders of these roles must set up a TOTP second factor before they can use the console.' }),
  auditRetentionDays: def({ env: 'JIYUE_AUDIT_RETENTION_DAYS', key: 'auditRetentionDays', default: 180, allowed: 'integer ≥ 180 (网络安全法 §21: at least 6 months)', parse: int(180, 36_500),
    doc: 'Audit events older than this may be pruned; younger ones can never be deleted.' }),
  auditCheckpointEvery: def({ env: 'JIYUE_AUDIT_CHECKPOINT_EVERY', key: 'auditCheckpointEvery', default: 500, allowed: 'integer 1–1000000', parse: int(1, 1_000_000),
    doc: 'Write an SM2-signed checkpoint of the audit hash chain after this many events (also hourly).' }),
  jobsConcurrency: def({ env: 'JIYUE_JOBS_CONCURRENCY', key: 'jobsConcurrency', default: 2, allowed: 'integer 1–64', parse: int(1, 64),
    doc: 'Jobs one worker runs at once.' }),
  jobsPollMs: def({ env: 'JIYUE_JOBS_POLL_MS', key: 'jobsPollMs', default: 1000, allowed: 'integer 50–60000', parse: int(50, 60_000),
    doc: 'How often an idle worker looks for due jobs.' }),
  netAllow: def({ env: 'JIYUE_NET_ALLOW', key: 'netAllow', default: [] as readonly string[], allowed: 'comma-separated IPs, CIDRs or host names', parse: list,
    doc: 'Private or loopback destinations that outgoing fetches may reach anyway (tests put 127.0.0.1 here). Empty: only public addresses.' }),
  netDns: def({ env: 'JIYUE_NET_DNS', key: 'netDns', default: true, allowed: 'true or false', parse: bool,
    doc: 'Whether outgoing fetches (link checks) may look host names up in DNS. false: no name is looked up (a link by name is reported as unresolvable); links by IP address are still fetched under the usual rules. The tests run so, with only loopback allowed.' }),
  netTimeoutMs: def({ env: 'JIYUE_NET_TIMEOUT_MS', key: 'netTimeoutMs', default: 10_000, allowed: 'integer 100–120000', parse: int(100, 120_000),
    doc: 'Timeout for one outgoing fetch.' }),
  netMaxBytes: def({ env: 'JIYUE_NET_MAX_BYTES', key: 'netMaxBytes', default: 10_485_760, allowed: 'integer 1024–1073741824', parse: int(1024, 1_073_741_824),
    doc: 'Largest response body an outgoing fetch reads.' }),
  pressureMaxEventLoopDelayMs: def({ env: 'JIYUE_PRESSURE_MAX_EVENT_LOOP_DELAY_MS', key: 'pressureMaxEventLoopDelayMs', default: 1000, allowed: 'integer 10–60000, or 0 to switch the delay check off', parse: (r) => { const n = int(0, 60_000)(r); return n === undefined || (n > 0 && n < 10) ? undefined : n; },
    doc: 'Above this event-loop delay the server answers 503 with Retry-After instead of queueing more work. 0 switches the check off (tests do: when synchronous work starves the timer, the plugin reads an unmeasured delay as infinite).' }),
  pressureMaxEventLoopUtilization: def({ env: 'JIYUE_PRESSURE_MAX_ELU', key: 'pressureMaxEventLoopUtilization', default: 0.98, allowed: 'number between 0.5 and 1',
    parse: (r) => { const n = Number(r); return /^\d*\.?\d+$/.test(r.trim()) && n >= 0.5 && n <= 1 ? n : undefined; },
    doc: 'Above this event-loop utilisation the server answers 503 with Retry-After.' }),
  siteExtraDomainSuffixes: def({ env: 'JIYUE_SITE_EXTRA_DOMAIN_SUFFIXES', key: 'siteExtraDomainSuffixes', default: [] as readonly string[],
    allowed: 'comma-separated domain suffixes, e.g. `localhost,test`',
    parse: (r) => { const l = list(r).map((x) => x.toLowerCase().replace(/^\./, '')); return l.every((x) => /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(x)) ? l : undefined; },
    doc: 'Domain suffixes accepted for site domains besides `.gov.cn` and `.政务` (for test and staging installations). Empty: government domains only. Every site also answers at the platform-managed `<site-code>.localhost` whatever this says.' }),
  uploadMaxBytes: def({ env: 'JIYUE_UPLOAD_MAX_BYTES', key: 'uploadMaxBytes', default: 104_857_600, allowed: 'integer 1024–4294967296', parse: int(1024, 4_294_967_296),
    doc: 'Largest document attachment accepted (default 100 MiB); larger uploads get 413 and leave nothing stored.' }),
  defaultLocale: def({ env: 'JIYUE_DEFAULT_LOCALE', key: 'defaultLocale', default: 'zh-CN' as const, allowed: 'zh-CN or en', parse: oneOf('zh-CN', 'en'),
    doc: 'Language of messages when the request has no Accept-Language preference.' }),
  columnUpdateDays: def({ env: 'JIYUE_COLUMN_UPDATE_DAYS', key: 'columnUpdateDays',
    default: ['news=14', 'notice=180', 'policy=180', 'disclosure=180', 'interpretation=180', 'topic=none', 'page=none', 'link=none'] as readonly string[],
    allowed: 'comma-separated `kind=days` (kind: news, notice, policy, disclosure, interpretation, topic, page, link; days 1–3650 or none)',
    parse: (r) => { const l = list(r); return l.length > 0 && l.every((x) => /^(news|notice|policy|disclosure|interpretation|topic|page|link)=([1-9]\d{0,3}|none)$/.test(x) && (x.endsWith('none') || Number(x.split('=')[1]) <= 3650)) ? l : undefined; },
    doc: 'Default update-frequency rule per column kind, in days (国办秘函〔2019〕19号: news 2 weeks, top-level notice/policy 6 months; the others assumed). Kinds not listed keep these defaults; each column can change its own rule.' }),
  pageCacheBytes: def({ env: 'JIYUE_PAGE_CACHE_BYTES', key: 'pageCacheBytes', default: 268_435_456, allowed: 'integer 0–68719476736 (0 = no cache)', parse: int(0, 68_719_476_736),
    doc: 'Memory for published files the public server has already checked against their SM3 digest (default 256 MiB). A file in it is served with no disk read and no hashing; others are read and checked on each request.' }),
  pageWatchScanMs: def({ env: 'JIYUE_PAGE_WATCH_SCAN_MS', key: 'pageWatchScanMs', default: 5000, allowed: 'integer 500–600000', parse: int(500, 600_000),
    doc: 'How often the tamper watcher (网页防篡改, in the process running the worker role) re-reads the whole page store. File-system events catch most changes sooner; this full scan is the guarantee, so a change is restored within about this long plus 2 s.' }),
  letterDeadlineDays: def({ env: 'JIYUE_LETTER_DEADLINE_DAYS', key: 'letterDeadlineDays', default: 5, allowed: 'integer 1–60', parse: int(1, 60),
    doc: 'Working days a new mailbox has to answer a letter (local practice 3–10; assumed default 5). Each mailbox can change its own.' }),
  letterSubmitRatePerHour: def({ env: 'JIYUE_LETTER_SUBMIT_RATE_PER_HOUR', key: 'letterSubmitRatePerHour', default: 10, allowed: 'integer 1–100000', parse: int(1, 100_000),
    doc: 'Letters one client IP may submit per hour, counted separately for the site form and the public API; more get 429 while other visitors are still served.' }),
  letterLookupRatePerMinute: def({ env: 'JIYUE_LETTER_LOOKUP_RATE_PER_MINUTE', key: 'letterLookupRatePerMinute', default: 10, allowed: 'integer 1–100000', parse: int(1, 100_000),
    doc: 'Letter look-ups (query code + password) one client IP may make per minute. Besides this, a letter refuses look-ups for 15 minutes after 5 wrong passwords.' }),
  captchaRatePerMinute: def({ env: 'JIYUE_CAPTCHA_RATE_PER_MINUTE', key: 'captchaRatePerMinute', default: 120, allowed: 'integer 1–100000', parse: int(1, 100_000),
    doc: 'Captcha challenges (GET /api/v1/public/captcha) one client IP may fetch per minute; every public form (letters, error reports, surveys, comments, interview questions) uses them.' }),
  letterAttachmentMaxBytes: def({ env: 'JIYUE_LETTER_ATTACHMENT_MAX_BYTES', key: 'letterAttachmentMaxBytes', default: 5_242_880, allowed: 'integer 1024–52428800', parse: int(1024, 52_428_800),
    doc: 'Largest file a citizen may attach to a letter (default 5 MiB; at most 3 files, PDF, JPEG or PNG checked by content).' }),
  interviewMaxStreams: def({ env: 'JIYUE_INTERVIEW_MAX_STREAMS', key: 'interviewMaxStreams', default: 5000, allowed: 'integer 1–100000', parse: int(1, 100_000),
    doc: 'Live-interview event streams (SSE) one server process keeps open at once; one more is answered 503 with Retry-After, and the page still shows the transcript without live updates.' }),
} as const;

export type Settings = typeof settings;
export type Config = { readonly [K in keyof Settings]: Settings[K]['default'] };
