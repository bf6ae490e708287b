import { useEffect, useRef, useState } from 'react';

/**
 * Listens to one event of a server-sent events stream while the component is mounted (no
 * stream while `url` is null). Returns whether the stream is connected, so the caller polls
 * only while it is down; the browser reconnects a dropped stream by itself. `onEvent` may
 * change between renders without reopening the stream.
 */
export function useEventStream(url: string | null, event: string, onEvent: (data: string) => void): boolean {
  const [connected, setConnected] = useState(false);
  const handler = useRef(onEvent);
  handler.current = onEvent;
  useEffect(() => {
    if (url === null) return undefined;
    const source = new EventSource(url);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener(event, (ev) => handler.current((ev as MessageEvent<string>).data));
    return () => {
      source.close();
      setConnected(false);
    };
  }, [url, event]);
  return connected;
}
