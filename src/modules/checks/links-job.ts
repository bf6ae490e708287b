import type { Db } from '../../db/index.js';
import type { JobContext, JobQueue } from '../../platform/contracts.js';
import { createSafeFetcher, type SafeFetch } from '../../platform/net/index.js';
import type { Platform } from '../../platform/platform.js';
import { loadCheckContext, watchChecksChanges } from './check-context.js';
import type { CheckResult } from './check-types.js';
import { brokenLinkResults, checkLinks, type LinkStatus } from './check-links.js';
import { severityOf } from './rule-catalog.js';

export const LINK_CHECK_KIND = 'checks.links';
/** At most this many links per job: a body with more is checked in its first links. */
export const MAX_LINKS_PER_JOB = 500;

export interface LinkCheckPayload {
  readonly documentId?: number;
  readonly editionId?: number;
  readonly urls: readonly string[];
  /** When given, failures become `broken_link` results positioned on the body's anchors. */
  readonly bodyHtml?: string;
  /** Relative links are resolved against it (the site's address); without it they are skipped. */
  readonly baseUrl?: string;
}

export interface LinkCheckOutcome {
  readonly checked: number;
  readonly broken: LinkStatus[];
  readonly results: CheckResult[];
}

/** Receives a finished link check; the documents module registers one to store it on the edition. */
export type LinkCheckSink = (args: { db: Db; payload: LinkCheckPayload; outcome: LinkCheckOutcome }) => Promise<void>;

let sink: LinkCheckSink | null = null;

/**
 * Sets where link-check outcomes go (besides the job's result); returns a function that puts
 * back the one it replaced (the workflow module's, when a test sets its own for a while).
 */
export function setLinkCheckSink(next: LinkCheckSink | null): () => void {
  const previous = sink;
  sink = next;
  return () => {
    if (sink === next) sink = previous;
  };
}

/** Enqueues a link check in the caller's transaction (outbox): nothing is checked if it rolls back. */
export async function enqueueLinkCheck(trx: Db, jobs: JobQueue, payload: LinkCheckPayload, createdBy?: number | null): Promise<number> {
  return jobs.enqueue(trx, { kind: LINK_CHECK_KIND, payload: { ...payload, urls: payload.urls.slice(0, MAX_LINKS_PER_JOB) }, maxAttempts: 2, createdBy: createdBy ?? null });
}

export async function runLinkCheck(db: Db, fetch: SafeFetch, ctx: JobContext<LinkCheckPayload>): Promise<LinkCheckOutcome> {
  const payload = ctx.payload;
  const urls = (payload?.urls ?? []).slice(0, MAX_LINKS_PER_JOB);
  await ctx.progress(0, `检查 ${urls.length} 个链接 / checking ${urls.length} links`);
  const statuses = await checkLinks(urls, fetch, { signal: ctx.signal, ...(payload.baseUrl ? { baseUrl: payload.baseUrl } : {}) });
  const broken = statuses.filter((s) => !s.ok);
  const severity = severityOf(await loadCheckContext(db), 'broken_link');
  const results = payload.bodyHtml !== undefined ? brokenLinkResults(broken, payload.bodyHtml, severity, payload.baseUrl) : [];
  const outcome: LinkCheckOutcome = { checked: statuses.length, broken, results };
  if (sink) await sink({ db, payload, outcome });
  await ctx.progress(100, `失效 ${broken.length} 个 / ${broken.length} broken`);
  return outcome;
}

const refuseNames = (hostname: string): Promise<string[]> => Promise.reject(new Error(`DNS look-ups are off (JIYUE_NET_DNS=false): ${hostname}`));

/** Registers the job kind (called through moduleJobs by every process that runs jobs). */
export function registerChecksJobs(platform: Platform): void {
  watchChecksChanges(platform.events);
  const fetch = createSafeFetcher({
    allowList: platform.config.netAllow, timeoutMs: platform.config.netTimeoutMs,
    // JIYUE_NET_DNS=false: no name is looked up (no query leaves the machine); IP addresses only.
    ...(platform.config.netDns ? {} : { resolver: refuseNames }),
    // Only the status matters; a larger body still proves the link works.
    maxBytes: Math.min(platform.config.netMaxBytes, 256 * 1024),
  });
  platform.jobs.define<LinkCheckPayload>(LINK_CHECK_KIND, (ctx) => runLinkCheck(platform.db, fetch, ctx), { maxAttempts: 2, timeoutMs: 15 * 60 * 1000 });
}
