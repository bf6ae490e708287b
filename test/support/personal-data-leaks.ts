/**
 * For the tests of the rule "personal data never appears in logs, URLs or error messages": the
 * server's log at its most talkative level kept in memory, and checks that values planted in
 * submissions show up in none of the log, the URLs it names, the audit trail or a refusal.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Platform } from '../../src/platform/platform.js';

export interface LogCapture {
  /** buildApp's (or createTestContext's) logger option: every request and response line is written. */
  readonly logger: { level: 'trace'; stream: Writable };
  text(): string;
  /** Every URL a log line names (the request lines' req.url, a problem's instance), percent-decoded. */
  urls(): string[];
  clear(): void;
}

export function captureLogs(): LogCapture {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, cb) { chunks.push(chunk.toString('utf8')); cb(); } });
  return {
    logger: { level: 'trace', stream },
    text: () => chunks.join(''),
    urls: () => chunks.join('').split('\n').filter((l) => l.trim() !== '').flatMap((l) => urlsIn(JSON.parse(l) as unknown)),
    clear: () => { chunks.length = 0; },
  };
}

function urlsIn(v: unknown, key = ''): string[] {
  if (typeof v === 'string') return /url|instance|location|referer/i.test(key) ? [decoded(v)] : [];
  if (v === null || typeof v !== 'object') return [];
  return Object.entries(v).flatMap(([k, x]) => urlsIn(x, k));
}

function decoded(url: string): string {
  try {
    return decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    return url;
  }
}

/** The whole audit trail as text, details included. */
export async function auditText(platform: Platform): Promise<string> {
  return JSON.stringify(await platform.db.selectFrom('audit_events').selectAll().execute());
}

/**
 * None of `values` (nor their percent-encoded form) in the log, the URLs it names or the audit
 * trail. `logged` and `audited` are texts that must be there, so an empty capture cannot pass.
 */
export async function assertNotLeaked(capture: LogCapture, platform: Platform, values: readonly string[], { logged, audited }: { logged: string; audited: string }): Promise<void> {
  const log = capture.text();
  const urls = capture.urls();
  const audit = await auditText(platform);
  assert.ok(log.includes(logged), `the logger did capture the requests (no "${logged}")`);
  assert.ok(urls.some((u) => u.includes(logged)), `the log names the URLs (none with "${logged}")`);
  assert.ok(audit.includes(audited), `the submissions were audited (no "${audited}")`);
  for (const value of values) {
    for (const form of new Set([value, encodeURIComponent(value)])) {
      assert.ok(!log.includes(form), `the log must not contain "${form}"`);
      assert.ok(!audit.includes(form), `the audit trail must not contain "${form}"`);
    }
    const url = urls.find((u) => u.includes(value));
    assert.equal(url, undefined, `no logged URL may contain "${value}"`);
  }
}

/** The messages of a refusal: a problem document's detail and field messages, or a form page's error box and field errors. */
export function refusalMessages(res: { statusCode: number; body: string; headers: Record<string, unknown> }): string {
  if (String(res.headers['content-type']).includes('json')) {
    const p = JSON.parse(res.body) as { detail?: string; errors?: { message?: string }[] };
    return [p.detail ?? '', ...(p.errors ?? []).map((e) => e.message ?? '')].join('\n');
  }
  const boxes = [...res.body.matchAll(/<div class="form-errors"[\s\S]*?<\/div>|<p class="field-error"[^>]*>[\s\S]*?<\/p>/g)].map((m) => m[0]);
  return boxes.join('\n');
}

/** A refusal (4xx) that says what is wrong without repeating what was sent. */
export function assertRefusedQuietly(res: { statusCode: number; body: string; headers: Record<string, unknown> }, status: number, values: readonly string[]): void {
  assert.equal(res.statusCode, status, res.body);
  const messages = refusalMessages(res);
  assert.match(messages, /[\u4e00-\u9fff]/, `the refusal has a message: ${res.body.slice(0, 300)}`);
  for (const value of values) assert.ok(!messages.includes(value), `the refusal's message must not echo "${value}": ${messages}`);
}
