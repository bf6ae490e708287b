import { useState } from 'react';
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { libraryApi, libraryKeys } from './library-api';
import { PlaceModal } from './place-modal';

/**
 * 来源与去向 on the document page: where a copy came from (always shown), where this document
 * is placed in other columns, and — once it is published — the way to place it elsewhere.
 */
export function PlacementsPanel({ documentId, title, published }: { documentId: number; title: string; published: boolean }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const [placing, setPlacing] = useState(false);
  const data = useQuery({ queryKey: libraryKeys.ofDocument(documentId), queryFn: () => libraryApi.ofDocument(documentId) });
  const origin = data.data?.origin;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {origin && (
        <Alert type="info" showIcon title={
          <span>
            {t('library.panel.origin', { site: origin.originSiteName })}
            <Link to={`/documents/${origin.originDocumentId}/preview`}>{origin.originTitle}</Link>
          </span>
        } />
      )}
      {published && can('documents.write') && <Button onClick={() => setPlacing(true)}>{t('library.place')}</Button>}
      <List
        header={<Typography.Text strong>{t('library.panel.placedIn')}</Typography.Text>}
        loading={data.isLoading} locale={{ emptyText: t('library.panel.none') }} dataSource={data.data?.placements ?? []}
        renderItem={(p) => (
          <List.Item>
            <Space wrap>
              <span>{p.siteName} › {p.columnName}</span>
              <Tag>{t(`library.modeLabel.${p.mode}`)}</Tag>
              <Tag>{t(`library.statusLabel.${p.status}`)}</Tag>
              <Typography.Text type="secondary">{p.createdByName} · {formatTime(p.createdAt)}</Typography.Text>
              {p.mode === 'copy' && <Link to={`/documents/${p.documentId}`}>#{p.documentId}</Link>}
            </Space>
          </List.Item>
        )}
      />
      {placing && <PlaceModal documentId={documentId} title={title} onClose={() => setPlacing(false)} />}
    </Space>
  );
}
