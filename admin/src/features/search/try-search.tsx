import { useState } from 'react';
import { Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { formatDate } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { problemText } from '../../app/problems';
import { searchApi, searchKeys, SEARCH_GROUPS } from './search-api';
import { MarkedText } from './marked-text';

/** The public search API, tried from the console (platform-wide; logged like any public search). */
export function TrySearch() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const result = useQuery({ queryKey: searchKeys.trial(q), queryFn: () => searchApi.search(q), enabled: q !== '' });
  const r = result.data;
  return (
    <Card title={t('search.try')}>
      <Input.Search aria-label={t('search.try')} placeholder={t('search.tryPlaceholder')} allowClear enterButton maxLength={100}
        onSearch={(v) => setQ(v.trim())} loading={result.isFetching} />
      {result.isError && <Typography.Text type="danger">{problemText(result.error, '')}</Typography.Text>}
      {r && (
        <>
          <Space wrap style={{ margin: '12px 0' }}>
            <Typography.Text>{r.totalExact ? t('search.results', { total: r.total }) : t('search.resultsMore', { total: r.total })}</Typography.Text>
            {SEARCH_GROUPS.map((g) => <Tag key={g}>{t(`search.group.${g}`)} {r.groups[g]}</Tag>)}
          </Space>
          {r.items.length === 0 ? <Empty description={t('search.noResults')} /> : (
            <List
              dataSource={[...r.items]}
              rowKey="documentId"
              renderItem={(hit) => (
                <List.Item>
                  <List.Item.Meta
                    title={<MarkedText html={hit.title} />}
                    description={<><MarkedText html={hit.snippet} /><br /><Typography.Text type="secondary">{t(`search.group.${hit.group}`)} · {formatDate(hit.publishedAt)} · {hit.link}</Typography.Text></>}
                  />
                </List.Item>
              )}
            />
          )}
        </>
      )}
    </Card>
  );
}
