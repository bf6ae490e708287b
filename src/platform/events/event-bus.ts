import { EventEmitter } from 'node:events';

/**
 * Live events for server-sent streams (job progress now; interviews later). In one process
 * an EventEmitter is enough; on PostgreSQL a LISTEN/NOTIFY bridge (pg-event-bridge.ts)
 * republishes events from other processes onto this bus.
 */
export interface LiveEvent {
  readonly channel: string;
  readonly data: unknown;
}

export interface EventBus {
  publish(event: LiveEvent): Promise<void>;
  subscribe(channel: string, listener: (data: unknown) => void): () => void;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  async publish(event: LiveEvent): Promise<void> {
    this.emitter.emit(event.channel, event.data);
  }
  /** Used by the cross-process bridge to deliver events without re-broadcasting them. */
  deliver(event: LiveEvent): void {
    this.emitter.emit(event.channel, event.data);
  }
  subscribe(channel: string, listener: (data: unknown) => void): () => void {
    this.emitter.on(channel, listener);
    return () => this.emitter.off(channel, listener);
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
