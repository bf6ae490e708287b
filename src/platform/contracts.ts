/**
 * The interfaces platform services expose to modules. Implementations live in their own
 * folders (audit/, jobs/, calendar/); modules depend only on these shapes.
 */
import type { Db } from '../db/index.js';
import type { Actor } from './identity/actor.js';
import type { AuditResult } from './audit/audit.tables.js';

export interface AuditEntry {
  readonly action: string;
  readonly result: AuditResult;
  readonly targetType?: string | null;
  readonly targetId?: string | number | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface AuditLog {
  /** Appends one event to the SM3 chain inside the caller's transaction: if the change rolls back, so does the event. */
  append(trx: Db, actor: Actor, entry: AuditEntry): Promise<void>;
  /** Appends several events in order under one hold of the chain lock (a batch committed together). */
  appendMany(trx: Db, items: readonly { readonly actor: Actor; readonly entry: AuditEntry }[]): Promise<void>;
}

export interface EnqueueOptions {
  readonly kind: string;
  readonly payload?: unknown;
  /** Epoch ms; default now. */
  readonly runAt?: number;
  readonly maxAttempts?: number;
  readonly createdBy?: number | null;
  /**
   * A job of the same kind and payload already queued does the same work: answer its id and
   * enqueue nothing (a rebuild asked for by several changes before a worker took it).
   */
  readonly unlessQueued?: boolean;
}

export interface JobQueue {
  /** Writes the job row in the caller's transaction (outbox): a rolled-back transaction leaves no job. */
  enqueue(trx: Db, job: EnqueueOptions): Promise<number>;
}

export interface JobContext<P = unknown> {
  readonly jobId: number;
  readonly payload: P;
  readonly attempt: number;
  /** Stores percent (0–100) and a message, and streams them to the admin console. */
  progress(percent: number, message?: string): Promise<void>;
  readonly signal: AbortSignal;
}

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<unknown>;

export interface WorkingCalendar {
  /** Deadline n working days after the day of `start` (that day not counted): epoch ms of 23:59:59.999 Asia/Shanghai on the n-th working day. */
  addWorkingDays(start: number, n: number): Promise<number>;
  /** Working days strictly after `from`'s day up to and including `to`'s day. */
  workingDaysBetween(from: number, to: number): Promise<number>;
  isWorkingDay(dateYmd: string): Promise<boolean>;
  /** Years in the range asked about that have no official data (computed Mon–Fri). */
  missingYears(years: readonly number[]): Promise<number[]>;
}
