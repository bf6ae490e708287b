import pg from 'pg';
import { LocalEventBus, type EventBus, type LiveEvent } from './event-bus.js';

/** The one PostgreSQL notification channel all live events travel on. */
export const PG_EVENTS_CHANNEL = 'jiyue_events';
/** NOTIFY payloads must stay under 8000 bytes; keep a margin. */
export const MAX_NOTIFY_BYTES = 7900;

export interface PgEventBusOptions {
  readonly reconnectMinMs?: number;
  readonly reconnectMaxMs?: number;
  readonly onError?: (err: unknown) => void;
}

/** Too large for NOTIFY: subscribers learn that something changed and reload it. */
function encode(event: LiveEvent): string {
  const full = JSON.stringify({ channel: event.channel, data: event.data ?? null });
  if (Buffer.byteLength(full) <= MAX_NOTIFY_BYTES) return full;
  return JSON.stringify({ channel: event.channel.slice(0, 200), data: { truncated: true } });
}

function decode(payload: string | undefined): LiveEvent | null {
  if (!payload) return null;
  try {
    const v = JSON.parse(payload) as { channel?: unknown; data?: unknown };
    return typeof v.channel === 'string' ? { channel: v.channel, data: v.data ?? null } : null;
  } catch {
    return null;
  }
}

/**
 * An event bus shared by every process on one PostgreSQL database (LISTEN/NOTIFY), so a
 * progress event published by a `jiyue worker` reaches the SSE clients of every admin process.
 * publish() only sends NOTIFY; delivery, including to this process's own subscribers, comes
 * back through the LISTEN connection, so each subscriber sees each event exactly once.
 * The LISTEN connection is re-opened with backoff when it drops; events sent while it is down
 * are missed (live events are hints: the state is in the database).
 */
export async function createPgEventBus(url: string, opts: PgEventBusOptions = {}): Promise<EventBus> {
  const minMs = opts.reconnectMinMs ?? 250;
  const maxMs = opts.reconnectMaxMs ?? 10_000;
  const onError = opts.onError ?? ((err: unknown) => console.error('live events (LISTEN/NOTIFY):', err instanceof Error ? err.message : err));
  const local = new LocalEventBus();
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  let current: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = minMs;
  let closed = false;

  const deliver = (msg: pg.Notification): void => {
    if (msg.channel !== PG_EVENTS_CHANNEL) return;
    const event = decode(msg.payload);
    if (event) local.deliver(event);
  };

  function lost(client: pg.Client): void {
    if (client !== current) return;
    current = null;
    client.off('notification', deliver);
    void client.end().catch(() => undefined);
    retry();
  }

  function retry(): void {
    if (closed || timer) return;
    const wait = delay;
    delay = Math.min(delay * 2, maxMs);
    timer = setTimeout(() => {
      timer = null;
      connect().catch((err: unknown) => {
        onError(err);
        retry();
      });
    }, wait);
    timer.unref();
  }

  async function connect(): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', (err) => {
      onError(err);
      lost(client);
    });
    client.on('end', () => lost(client));
    client.on('notification', deliver);
    try {
      await client.connect();
      await client.query(`listen ${PG_EVENTS_CHANNEL}`);
    } catch (err) {
      client.off('notification', deliver);
      await client.end().catch(() => undefined);
      throw err;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    delay = minMs;
  }

  await connect();

  return {
    async publish(event) {
      try {
        await pool.query('select pg_notify($1, $2)', [PG_EVENTS_CHANNEL, encode(event)]);
      } catch (err) {
        // The database is unreachable: at least this process's subscribers get the event.
        onError(err);
        local.deliver(event);
      }
    },
    subscribe: (channel, listener) => local.subscribe(channel, listener),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const client = current;
      current = null;
      if (client) {
        client.off('notification', deliver);
        await client.end().catch(() => undefined);
      }
      await pool.end().catch(() => undefined);
      await local.close();
    },
  };
}
