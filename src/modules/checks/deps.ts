import type { Clock } from '../../platform/clock.js';
import type { AuditLog } from '../../platform/contracts.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { Platform } from '../../platform/platform.js';

/** What check operations need from the platform (a subset of Platform, so tests can build it small). */
export interface ChecksDeps {
  readonly clock: Clock;
  readonly audit: AuditLog;
  /** Announces dictionary and rule changes to other processes (their cached contexts are dropped). */
  readonly events?: EventBus;
}

export function checksDeps(p: Platform): ChecksDeps {
  return { clock: p.clock, audit: p.audit, events: p.events };
}
