import { useState } from 'react';
import { Flex, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { searchApi, searchKeys } from './search-api';
import { ReindexCard } from './reindex-card';
import { TrySearch } from './try-search';
import { QueryStats } from './query-stats';

/** 站内搜索: the index (size, rebuild with a progress bar), a trial search, and the anonymous query statistics. */
export function SearchPage() {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  const stats = useQuery({ queryKey: searchKeys.stats(days), queryFn: () => searchApi.stats(days), placeholderData: keepPreviousData });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('search.title')}</Typography.Title>
      <ReindexCard indexed={stats.data?.indexed} />
      <TrySearch />
      <QueryStats stats={stats.data} days={days} onDays={setDays} />
    </Flex>
  );
}
