/** What bench/load.ts is asked to do and what it answers (JSON over argv and stdout). */
export interface LoadRun {
  readonly label: string;
  readonly url: string;
  /** 'saturate' only: more servers of the same page; the connections are spread over url and these (autocannon's several-url mode). */
  readonly alsoUrls?: readonly string[];
  readonly method: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  /** One JSON body per request, used in turn (e.g. a different user for each login). */
  readonly bodies?: readonly string[];
  /**
   * 'saturate': autocannon with `connections` always busy (throughput). 'sequential': one
   * request at a time on one keep-alive socket, timed with hrtime (latency of an idle server;
   * autocannon's histogram only resolves whole milliseconds).
   */
  readonly mode: 'saturate' | 'sequential';
  readonly connections: number;
  readonly durationSec: number;
  readonly warmupSec: number;
  /** 'saturate' only: a fixed offered rate over all connections (req/s) instead of as fast as answered. */
  readonly overallRate?: number;
  /** Seconds a request may take before it counts as a timeout (default 30). */
  readonly timeoutSec?: number;
  /** 'saturate' only, without warm-up: also count the answers in windows of this many ms (LoadResult.windows). */
  readonly windowMs?: number;
}

/** The answers of one window of a run (LoadRun.windowMs). */
export interface LoadWindow {
  /** Window start, ms after the run started. */
  readonly atMs: number;
  readonly ok: number;
  /** Non-2xx answers. */
  readonly other: number;
  /** Socket errors and timeouts. */
  readonly errors: number;
  /** 95th percentile latency of the window's answers (any status); null when none. */
  readonly p95Ms: number | null;
}

export interface LoadResult {
  readonly label: string;
  /** Successful (2xx) responses per second. */
  readonly rps: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyMeanMs: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly durationSec: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** 'saturate': requests sent (answered or not). */
  readonly sent?: number;
  /** 'saturate': socket errors and timeouts by error code (ECONNRESET, ...) or message. */
  readonly errorCodes?: Readonly<Record<string, number>>;
  /** Wall clock (epoch ms) when the run started and ended, warm-up excluded. */
  readonly startedAt?: number;
  readonly endedAt?: number;
  readonly windows?: readonly LoadWindow[];
}
