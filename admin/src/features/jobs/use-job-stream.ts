import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { TERMINAL_STATUSES, jobsKeys, type JobEvent, type JobsPage } from './jobs-api';

const STREAM_URL = '/api/v1/jobs/stream';
const RECONNECT_MS = 5_000;

function parseEvent(data: string): JobEvent | null {
  try {
    const value = JSON.parse(data) as Partial<JobEvent>;
    return typeof value.id === 'number' && typeof value.status === 'string' ? (value as JobEvent) : null;
  } catch {
    return null;
  }
}

/**
 * Live job progress over Server-Sent Events: each `job` event patches the cached job lists in
 * place, so progress bars move without polling. A job not on screen yet, or one that just
 * finished (new finishedAt, attempts, error), triggers one debounced reload. Returns whether
 * the stream is connected, so the page can fall back to polling.
 */
export function useJobStream(): boolean {
  const queryClient = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let source: EventSource | null = null;
    let reconnect: ReturnType<typeof setTimeout> | undefined;
    let reload: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const scheduleReload = () => {
      if (reload !== undefined) return;
      reload = setTimeout(() => {
        reload = undefined;
        void queryClient.invalidateQueries({ queryKey: jobsKeys.lists });
      }, 400);
    };

    const onJob = (ev: MessageEvent<string>) => {
      const event = parseEvent(ev.data);
      if (!event) return;
      let found = false;
      queryClient.setQueriesData<JobsPage>({ queryKey: jobsKeys.lists }, (old) => {
        if (!old || !old.items.some((j) => j.id === event.id)) return old;
        found = true;
        const items = old.items.map((j) =>
          j.id === event.id
            ? { ...j, status: event.status, progress: event.progress, progressMessage: event.message ?? j.progressMessage }
            : j,
        );
        return { ...old, items };
      });
      if (!found || TERMINAL_STATUSES.has(event.status)) scheduleReload();
    };

    const connect = () => {
      source = new EventSource(STREAM_URL);
      source.onopen = () => setConnected(true);
      source.onerror = () => {
        setConnected(false);
        // The browser retries by itself unless the server refused outright (readyState CLOSED).
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          source.close();
          reconnect = setTimeout(connect, RECONNECT_MS);
        }
      };
      source.addEventListener('job', onJob as EventListener);
    };
    connect();

    return () => {
      stopped = true;
      clearTimeout(reconnect);
      clearTimeout(reload);
      source?.close();
    };
  }, [queryClient]);

  return connected;
}
