const BASE_MS = 1000;
const CAP_MS = 60 * 60 * 1000;

/**
 * Exponential backoff with jitter: 2^attempt seconds capped at an hour, then a random point in
 * its upper half, so jobs failing together (a dependency down) do not retry in lockstep.
 * Never longer than 2^attempt s, which tests rely on when advancing a clock.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BASE_MS * 2 ** Math.max(0, attempt), CAP_MS);
  return Math.round(base / 2 + (base / 2) * Math.min(1, Math.max(0, random())));
}
