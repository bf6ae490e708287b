import type { Db } from '../../db/index.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { CheckContext, RuleId, RuleSeverity } from './check-types.js';
import { isRuleId } from './check-types.js';
import { allEntries, ruleRows } from './checks.repo.js';
import { DEFAULT_SEVERITIES } from './rule-catalog.js';

/** The live-event channel on which dictionary and rule changes are announced. */
export const CHECKS_CHANGED_CHANNEL = 'checks.changed';

/**
 * How long a cached context is trusted without news of a change. Changes made in this process
 * drop the cache at once; other processes hear of them through the event bus (LISTEN/NOTIFY on
 * PostgreSQL), and this bound covers a missed notification.
 */
export const CHECK_CONTEXT_MAX_AGE_MS = 60_000;

interface Cached {
  readonly ctx: CheckContext;
  readonly generation: number;
  readonly loadedAt: number;
}

// Keyed by the database handle, so two databases in one process (tests) never share a context.
const cache = new WeakMap<Db, Cached>();
let generation = 0;

/**
 * The dictionary and the rule severities (defaults for rules without a row), for runChecks.
 * Cached per database handle: pass the platform's `db` for the cache; inside a transaction the
 * context is read fresh. The dictionary array stays the same object while cached, so its
 * compiled matcher is reused as well.
 */
export async function loadCheckContext(db: Db): Promise<CheckContext> {
  const hit = cache.get(db);
  const now = Date.now();
  if (hit && hit.generation === generation && now - hit.loadedAt < CHECK_CONTEXT_MAX_AGE_MS) return hit.ctx;
  const loadedGeneration = generation;
  const [entries, rules] = await Promise.all([allEntries(db), ruleRows(db)]);
  const severities: Record<RuleId, RuleSeverity> = { ...DEFAULT_SEVERITIES };
  for (const r of rules) if (isRuleId(r.rule)) severities[r.rule] = r.severity;
  const ctx: CheckContext = { dictionary: Object.freeze(entries), severities: Object.freeze(severities) };
  if (!db.isTransaction) cache.set(db, { ctx, generation: loadedGeneration, loadedAt: now });
  return ctx;
}

/** Drops every cached context in this process (the next loadCheckContext reads the database). */
export function invalidateCheckContext(): void {
  generation++;
}

/** After a committed change: drop this process's cache and tell the others. */
export async function announceChecksChanged(events: EventBus | undefined): Promise<void> {
  invalidateCheckContext();
  if (!events) return;
  try {
    await events.publish({ channel: CHECKS_CHANGED_CHANNEL, data: { at: Date.now() } });
  } catch {
    // A missed notification only delays other processes until CHECK_CONTEXT_MAX_AGE_MS.
  }
}

const watched = new WeakSet<EventBus>();

/** Subscribes once per bus: changes announced by any process invalidate this process's cache. */
export function watchChecksChanges(events: EventBus): void {
  if (watched.has(events)) return;
  watched.add(events);
  events.subscribe(CHECKS_CHANGED_CHANNEL, () => invalidateCheckContext());
}
