import { useState } from 'react';
import { Button, Flex } from 'antd';
import { useI18n } from './i18n/i18n-context';

/**
 * Keyset pages: the cursors of the pages already visited, so "previous" needs no offset and a
 * page deep in a long list costs the server the same as the first.
 */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    cursor: cursors[cursors.length - 1] ?? null,
    hasPrevious: cursors.length > 1,
    previous: () => setCursors((c) => c.slice(0, -1)),
    next: (cursor: string) => setCursors((c) => [...c, cursor]),
    reset: () => setCursors([null]),
  };
}

export function CursorPager({ pages, nextCursor }: { pages: ReturnType<typeof useCursorPages>; nextCursor: string | null | undefined }) {
  const { t } = useI18n();
  return (
    <Flex justify="flex-end" gap={8} style={{ marginTop: 16 }}>
      <Button disabled={!pages.hasPrevious} onClick={pages.previous}>{t('documents.prevPage')}</Button>
      <Button disabled={!nextCursor} onClick={() => { if (nextCursor) pages.next(nextCursor); }}>{t('documents.nextPage')}</Button>
    </Flex>
  );
}
