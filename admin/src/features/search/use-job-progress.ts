import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { searchApi, searchKeys, TERMINAL, type JobState } from './search-api';

/**
 * One job's state, live: the job stream (SSE, `?id=`) moves the bar as the worker reports; the
 * job is read once at the start and polled only while the stream is down.
 */
export function useJobProgress(jobId: number | null): JobState | null {
  const [live, setLive] = useState<JobState | null>(null);
  const [connected, setConnected] = useState(false);
  const fetched = useQuery({
    queryKey: searchKeys.job(jobId ?? 0),
    queryFn: () => searchApi.job(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (connected || (q.state.data && TERMINAL.has(q.state.data.status)) ? false : 1_000),
  });

  useEffect(() => {
    setLive(null);
    if (jobId === null) return;
    const source = new EventSource(`/api/v1/jobs/stream?id=${jobId}`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener('job', (ev) => {
      try {
        const e = JSON.parse((ev as MessageEvent<string>).data) as { id: number; status: JobState['status']; progress: number; message?: string };
        if (e.id !== jobId) return;
        setLive((old) => ({ id: e.id, status: e.status, progress: e.progress, progressMessage: e.message ?? old?.progressMessage ?? '', lastError: old?.lastError ?? null }));
        if (TERMINAL.has(e.status)) void fetched.refetch();
      } catch {
        // A malformed event is skipped; the next one or the poll corrects the bar.
      }
    });
    return () => {
      source.close();
      setConnected(false);
    };
    // Only a new job opens a new stream (fetched.refetch is stable for the job's query).
  }, [jobId]);

  const stored = fetched.data ?? null;
  if (!live) return stored;
  // The stored state wins once it is final (it carries the error text).
  return stored && TERMINAL.has(stored.status) ? stored : live;
}
