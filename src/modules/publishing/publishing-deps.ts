import type { Liquid } from 'liquidjs';
import type { Db, DialectOps } from '../../db/index.js';
import type { Clock } from '../../platform/clock.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { Platform } from '../../platform/platform.js';
import { pageStoreFor, type PageStore } from './page-store/index.js';
import { createThemeEngine } from './theme/theme-engine.js';

/** Called after pages of a document change, so the search index follows (set by the search module's wiring). */
export interface PublishListener {
  documentLive(db: Db, documentId: number): Promise<void>;
  documentGone(db: Db, documentId: number): Promise<void>;
}

/** The theme engine of a platform, rebuilt when a template developer's saved templates change. */
export class ThemeHolder {
  engine: Liquid = createThemeEngine();
  private version = '';
  /** Loads the saved overrides when they changed since last time (one small query per job). */
  async refresh(db: Db): Promise<Liquid> {
    const v = await db.selectFrom('theme_revisions').select((eb) => eb.fn.max('id').as('max')).executeTakeFirst();
    const version = String(v?.max ?? 0);
    if (version !== this.version) {
      const rows = await db.selectFrom('theme_overrides').select(['name', 'source']).execute();
      this.engine = createThemeEngine(undefined, new Map(rows.map((r) => [r.name, r.source])));
      this.version = version;
    }
    return this.engine;
  }
}

export interface PublishingDeps {
  readonly db: Db;
  readonly store: PageStore;
  /** The current theme engine (call `theme.refresh` at the start of a job). */
  readonly engine: Liquid;
  readonly theme: ThemeHolder;
  readonly events: EventBus;
  readonly clock: Clock;
  readonly dataDir: string;
  readonly listeners: readonly PublishListener[];
  readonly ops: DialectOps;
}

const themes = new WeakMap<Platform, ThemeHolder>();
const listeners: PublishListener[] = [];

/** Registers a listener for every platform's publishing (the search index). */
export function addPublishListener(l: PublishListener): () => void {
  listeners.push(l);
  return () => { const i = listeners.indexOf(l); if (i >= 0) listeners.splice(i, 1); };
}

export function publishingDeps(platform: Platform): PublishingDeps {
  let theme = themes.get(platform);
  if (!theme) { theme = new ThemeHolder(); themes.set(platform, theme); }
  const holder = theme;
  return {
    db: platform.db, store: pageStoreFor(platform), theme: holder, events: platform.events, clock: platform.clock,
    dataDir: platform.config.dataDir, listeners, ops: platform.dbh.ops,
    get engine() { return holder.engine; },
  };
}
