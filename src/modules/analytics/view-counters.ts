import type { Platform } from '../../platform/platform.js';
import { ViewCounter } from './view-counter.js';

const counters = new WeakMap<Platform, ViewCounter>();

/** The platform's one view counter (a process serving public sites counts into it; tests flush it). */
export function viewCounterFor(platform: Platform, onError: (err: unknown) => void = () => undefined): ViewCounter {
  let c = counters.get(platform);
  if (!c) {
    c = new ViewCounter({ db: platform.db, ops: platform.dbh.ops, secret: platform.keys.sessionSecret, now: () => platform.clock.now(), onError });
    counters.set(platform, c);
  }
  return c;
}
