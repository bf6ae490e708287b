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
}
