import { useEffect, useState } from 'react';
import { useEventStream } from '../../app/use-event-stream';
import { useQuery } from '@tanstack/react-query';
import { searchApi, searchKeys, TERMINAL, type JobState } from './search-api';

/**
 * One job's state, live: the job stream (SSE, `?id=`) moves the bar as the worker reports; the
 * job is read once at the start and polled only while the stream is down.
 */
export function useJobProgress(jobId: number | null): JobState | null {
  const [live, setLive] = useState<JobState | null>(null);
  useEffect(() => setLive(null), [jobId]);
  const connected = useEventStream(jobId === null ? null : `/api/v1/jobs/stream?id=${jobId}`, 'job', (data) => {
    try {
      const e = JSON.parse(data) as { id: number; status: JobState['status']; progress: number; message?: string };
      if (e.id !== jobId) return;
      setLive((old) => ({ id: e.id, status: e.status, progress: e.progress, progressMessage: e.message ?? old?.progressMessage ?? '', lastError: old?.lastError ?? null }));
      if (TERMINAL.has(e.status)) void fetched.refetch();
    } catch {
      // A malformed event is skipped; the next one or the poll corrects the bar.
    }
  });
  const fetched = useQuery({
    queryKey: searchKeys.job(jobId ?? 0),
    queryFn: () => searchApi.job(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (connected || (q.state.data && TERMINAL.has(q.state.data.status)) ? false : 1_000),
  });

  const stored = fetched.data ?? null;
  if (!live) return stored;
  // The stored state wins once it is final (it carries the error text).
  return stored && TERMINAL.has(stored.status) ? stored : live;
}
