import type { Db } from '../../../db/index.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import { INTERVIEW_CHANNEL, isInterviewNotice } from './interview-deps.js';
import { entriesAfter, type EntryView } from './interviews.repo.js';

/** One open stream as the hub sees it: gets each new entry's ready-made SSE frame, in order. */
export interface StreamClient {
  send(frame: string): void;
  end(): void;
}

/** An entry as one SSE event: `id` is the sequence number a reconnect sends back as Last-Event-ID. */
export function entryFrame(e: EntryView): string {
  return `id: ${e.seq}\nevent: entry\ndata: ${JSON.stringify(e)}\n\n`;
}

/** Rows per catch-up read of a joining stream. */
const CATCH_UP_PAGE = 1000;

interface Member {
  readonly client: StreamClient;
  /** Highest seq written to this client; null while its catch-up read is still running. */
  sent: number | null;
  readonly pending: EntryView[];
}

interface Room {
  readonly members: Set<Member>;
  /** Highest seq this process has read for the interview. */
  lastSeq: number;
  wanted: number;
  reading: boolean;
}

export interface HubOptions {
  readonly maxStreams: number;
  readonly heartbeatMs?: number;
  readonly onError?: (err: unknown) => void;
}

/**
 * The fan-out of one server process. It hears every process's "interview N has rows up to
 * seq S" hint on the event bus (NOTIFY on PostgreSQL, in-process on SQLite), reads the new rows
 * ONCE per hint for all its subscribers of that interview, formats each frame once, and writes
 * it to every open stream. Hints that arrive while a read runs are folded into the next read.
 */
export class InterviewHub {
  private readonly rooms = new Map<number, Room>();
  private count = 0;
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  /** Reads of new rows done for notifications (for tests and the benchmark: one per hint per process, not per client). */
  reads = 0;

  constructor(private readonly db: Db, events: EventBus, private readonly opts: HubOptions) {
    this.unsubscribe = events.subscribe(INTERVIEW_CHANNEL, (data) => {
      if (isInterviewNotice(data)) this.hint(data.id, data.seq);
    });
    // One timer for every stream of the process: a comment keeps proxies from closing idle connections.
    this.heartbeat = setInterval(() => this.beat(), opts.heartbeatMs ?? 15_000);
    this.heartbeat.unref();
  }

  get streams(): number {
    return this.count;
  }

  /** Room for one more stream in this process? */
  hasRoom(): boolean {
    return this.count < this.opts.maxStreams;
  }

  /**
   * Subscribes a stream that has seen everything up to `afterSeq`. `knownSeq` is the
   * interview's last committed seq read before joining: the room starts from there, and this
   * client's own catch-up read (after joining) covers whatever lies between.
   */
  async join(interviewId: number, afterSeq: number, knownSeq: number, client: StreamClient): Promise<() => void> {
    let room = this.rooms.get(interviewId);
    if (!room) {
      room = { members: new Set(), lastSeq: knownSeq, wanted: knownSeq, reading: false };
      this.rooms.set(interviewId, room);
    }
    const member: Member = { client, sent: null, pending: [] };
    room.members.add(member);
    this.count++;
    let left = false;
    const leave = (): void => {
      if (left) return;
      left = true;
      this.count--;
      room.members.delete(member);
      if (room.members.size === 0 && this.rooms.get(interviewId) === room) this.rooms.delete(interviewId);
    };
    try {
      let sent = afterSeq;
      const deliver = (entries: readonly EntryView[]): void => {
        for (const e of entries) {
          if (e.seq <= sent) continue;
          client.send(entryFrame(e));
          sent = e.seq;
        }
      };
      // What the client missed, in pages, then whatever the room pushed meanwhile.
      for (;;) {
        const page = await entriesAfter(this.db, interviewId, sent, CATCH_UP_PAGE);
        deliver(page);
        if (page.length < CATCH_UP_PAGE) break;
      }
      deliver(member.pending.splice(0));
      member.sent = sent;
    } catch (err) {
      leave();
      throw err;
    }
    return leave;
  }

  private hint(interviewId: number, seq: number): void {
    const room = this.rooms.get(interviewId);
    if (!room || seq <= room.wanted) return;
    room.wanted = seq;
    if (!room.reading) void this.pump(interviewId, room);
  }

  private async pump(interviewId: number, room: Room): Promise<void> {
    room.reading = true;
    try {
      while (room.wanted > room.lastSeq && room.members.size > 0) {
        this.reads++;
        const rows = await entriesAfter(this.db, interviewId, room.lastSeq, 500);
        if (rows.length === 0) break;
        for (const e of rows) {
          const frame = entryFrame(e);
          for (const m of room.members) {
            if (m.sent === null) m.pending.push(e);
            else if (e.seq > m.sent) {
              m.client.send(frame);
              m.sent = e.seq;
            }
          }
          room.lastSeq = e.seq;
        }
      }
    } catch (err) {
      // The next hint retries from lastSeq; the streams lose nothing, they wait.
      room.wanted = room.lastSeq;
      this.opts.onError?.(err);
    } finally {
      room.reading = false;
    }
  }

  private beat(): void {
    for (const room of this.rooms.values()) for (const m of room.members) if (m.sent !== null) m.client.send(': heartbeat\n\n');
    void this.sweep();
  }

  /**
   * A notification can be lost (the LISTEN connection was down while it was sent): once per
   * heartbeat, one query compares every watched interview's last seq with what this process has
   * read, and reads whatever was missed. So a lost hint delays entries by a heartbeat at most.
   */
  private async sweep(): Promise<void> {
    const ids = [...this.rooms.keys()];
    if (ids.length === 0) return;
    try {
      const rows = await this.db.selectFrom('interviews').select(['id', 'last_seq']).where('id', 'in', ids).execute();
      for (const r of rows) this.hint(Number(r.id), Number(r.last_seq));
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  /** Ends every stream (server shutdown) and stops listening. */
  close(): void {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const room of [...this.rooms.values()]) for (const m of [...room.members]) m.client.end();
    this.rooms.clear();
  }
}
