import { OutboundRefusedError, type SafeFetch } from '../../platform/net/index.js';
import type { CheckResult, RuleSeverity } from './check-types.js';
import { excerptOf } from './excerpt.js';
import { parseBodyHtml } from './html-to-plain-text.js';
import { capFindings } from './result-cap.js';

export type LinkFailure =
  | 'http_error' | 'timeout' | 'refused_address' | 'unresolvable' | 'bad_url' | 'too_many_redirects' | 'network';

export interface LinkStatus {
  readonly url: string;
  readonly ok: boolean;
  /** Final HTTP status (after redirects); null when no answer came. */
  readonly status: number | null;
  readonly failure: LinkFailure | null;
  /** Where redirects ended, when they did. */
  readonly finalUrl?: string;
  /** Low-level detail for the log (error code), never shown as the message. */
  readonly detail?: string;
}

export interface CheckLinksOptions {
  /** Links checked at the same time; default 4 (be polite to small government servers). */
  readonly concurrency?: number;
  /** Relative links are resolved against it; without it they are skipped. */
  readonly baseUrl?: string;
  readonly signal?: AbortSignal;
}

const OUTBOUND_FAILURE: Readonly<Record<string, LinkFailure>> = {
  'net.timeout': 'timeout', 'net.refused_address': 'refused_address', 'net.unresolvable': 'unresolvable',
  'net.bad_url': 'bad_url', 'net.bad_scheme': 'bad_url', 'net.too_many_redirects': 'too_many_redirects',
};
// No point asking again with GET: the address itself is the problem.
const FINAL = new Set<LinkFailure>(['timeout', 'refused_address', 'unresolvable', 'bad_url', 'too_many_redirects']);

function failureOf(err: unknown): { failure: LinkFailure; detail: string } | 'answered' {
  if (err instanceof OutboundRefusedError) {
    // A body over the size limit means the server did answer: the link works.
    if (err.code === 'net.too_large') return 'answered';
    return { failure: OUTBOUND_FAILURE[err.code] ?? 'network', detail: err.code };
  }
  const code = (err as { code?: unknown } | null)?.code;
  return { failure: 'network', detail: typeof code === 'string' ? code : err instanceof Error ? err.name : 'error' };
}

/** 429: the server is up and asks us to slow down; the link itself is not shown to be broken. */
const RATE_LIMITED = 429;
/** 416 to our `bytes=0-0`: the resource exists, it is only empty. */
const RANGE_NOT_SATISFIABLE = 416;

async function probe(url: string, fetch: SafeFetch, signal: AbortSignal | undefined): Promise<LinkStatus> {
  let headFailure: LinkStatus | null = null;
  try {
    const res = await fetch(url, { method: 'HEAD', ...(signal ? { signal } : {}) });
    if (res.status < 400 || res.status === RATE_LIMITED) return { url, ok: true, status: res.status, failure: null, ...(res.url !== url ? { finalUrl: res.url } : {}) };
    headFailure = { url, ok: false, status: res.status, failure: 'http_error' };
  } catch (err) {
    if (signal?.aborted) throw err;
    const f = failureOf(err);
    if (f === 'answered') return { url, ok: true, status: null, failure: null };
    headFailure = { url, ok: false, status: null, ...f };
    if (FINAL.has(f.failure)) return headFailure;
  }
  // Some servers refuse or mishandle HEAD (405, 403, 501, resets): ask again with GET.
  try {
    const res = await fetch(url, { method: 'GET', headers: { range: 'bytes=0-0' }, ...(signal ? { signal } : {}) });
    const ok = res.status < 400 || res.status === RANGE_NOT_SATISFIABLE || res.status === RATE_LIMITED;
    return { url, ok, status: res.status, failure: ok ? null : 'http_error', ...(res.url !== url ? { finalUrl: res.url } : {}) };
  } catch (err) {
    if (signal?.aborted) throw err;
    const f = failureOf(err);
    if (f === 'answered') return { url, ok: true, status: null, failure: null };
    return headFailure.status !== null ? headFailure : { url, ok: false, status: null, ...f };
  }
}

/** The address without its #fragment: the server never sees it, so links differing only there are one link. */
function withoutFragment(url: URL): string {
  url.hash = '';
  return url.href;
}

/**
 * Checks each distinct http(s) URL (without its #fragment) through the outgoing-HTTP guard: HEAD,
 * then GET when HEAD is refused. 4xx/5xx (but 429, and 416 to the ranged GET), timeouts,
 * unresolvable hosts, refused connections and private addresses are failures. Other schemes
 * (mailto:, tel:) are left out; relative URLs need `baseUrl`.
 */
export async function checkLinks(urls: readonly string[], fetch: SafeFetch, opts: CheckLinksOptions = {}): Promise<LinkStatus[]> {
  const distinct: string[] = [];
  const seen = new Set<string>();
  for (const raw of urls) {
    let abs: string;
    try {
      abs = withoutFragment(new URL(raw.trim(), opts.baseUrl));
    } catch {
      continue;
    }
    if (!/^https?:/i.test(abs) || seen.has(abs)) continue;
    seen.add(abs);
    distinct.push(abs);
  }
  const results: LinkStatus[] = new Array<LinkStatus>(distinct.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < distinct.length) {
      const k = next++;
      results[k] = await probe(distinct[k] ?? '', fetch, opts.signal);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, distinct.length)) }, worker));
  return results;
}

const FAILURE_TEXT: Readonly<Record<LinkFailure, { zh: string; en: string }>> = {
  http_error: { zh: '返回错误状态', en: 'answered with an error status' },
  timeout: { zh: '访问超时', en: 'timed out' },
  refused_address: { zh: '指向内网或保留地址，公众无法访问', en: 'points at a private or reserved address' },
  unresolvable: { zh: '域名无法解析', en: 'host name does not resolve' },
  bad_url: { zh: '地址格式错误', en: 'malformed address' },
  too_many_redirects: { zh: '重定向次数过多', en: 'too many redirects' },
  network: { zh: '无法连接', en: 'could not connect' },
};

/**
 * Turns failed links into `broken_link` results positioned on the anchors of the body (one
 * result per anchor, anchors compared without their #fragment; at most
 * MAX_FINDINGS_PER_RULE_AND_FIELD, then one saying how many more). Links not found in the body
 * are reported at offset 0.
 */
export function brokenLinkResults(statuses: readonly LinkStatus[], bodyHtml: string, severity: RuleSeverity, baseUrl?: string): CheckResult[] {
  if (severity === 'off') return [];
  const body = parseBodyHtml(bodyHtml);
  const out: CheckResult[] = [];
  for (const s of statuses) {
    if (s.ok || !s.failure) continue;
    const why = FAILURE_TEXT[s.failure];
    const status = s.status !== null ? `（HTTP ${s.status}）` : '';
    let target: string;
    try {
      target = withoutFragment(new URL(s.url));
    } catch {
      target = s.url;
    }
    const anchors = body.links.filter((l) => {
      try {
        return withoutFragment(new URL(l.url, baseUrl)) === target;
      } catch {
        return false;
      }
    });
    for (const a of anchors.length > 0 ? anchors : [{ start: 0, end: 0 }]) {
      out.push({
        rule: 'broken_link', severity, field: 'body', start: a.start, end: a.end, url: s.url,
        excerpt: excerptOf(body.text, a.start, a.end),
        message: `链接失效：${s.url} ${why.zh}${status}`,
        messageEn: `Broken link: ${s.url} ${why.en}${s.status !== null ? ` (HTTP ${s.status})` : ''}`,
        suggestion: '更新为有效地址或删除该链接',
      });
    }
  }
  return capFindings(out);
}
