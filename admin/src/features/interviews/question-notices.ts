import { useEffect } from 'react';

/**
 * Calls `onNotice` whenever the server says this interview's questions changed (a visitor asked,
 * a moderator decided), over server-sent events, so the queue reloads at once. The browser
 * reconnects a dropped stream by itself; the queue's slow poll covers the gap.
 */
export function useQuestionNotices(interviewId: number, onNotice: () => void): void {
  useEffect(() => {
    const source = new EventSource(`/api/v1/interviews/${interviewId}/question-events`);
    source.addEventListener('questions', onNotice);
    return () => source.close();
  }, [interviewId, onNotice]);
}
