import { Alert, Card, Descriptions, Flex, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { formatDate } from '../../app/format';
import { problemText } from '../../app/problems';
import { StatusPage } from '../../app/status-page';
import { documentsApi, downloadUrl, type Attachment, type DocumentDetail } from './documents-api';
import { EditionStatusTag } from './status-tags';

/** Kept apart from the editor's cache entry and dropped on leaving: a preview always shows what the server holds now. */
const previewKey = (id: number) => ['documents', 'preview', id] as const;

function formatSize(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} B`;
}

/** The file type as a reader knows it (PDF, DOCX…), from the stored name; the MIME type when there is no extension. */
function fileType(a: Attachment): string {
  const dot = a.originalName.lastIndexOf('.');
  return dot > 0 && dot < a.originalName.length - 1 ? a.originalName.slice(dot + 1).toUpperCase() : a.mime;
}

/**
 * 稿件预览: the current edition (a draft, in review, or published) rendered as the public article
 * will be — disclosure metadata table, title, subtitle, the body the server sanitized when it was
 * saved, attachments — and labelled as an unpublished preview. `?edition=ID` names the edition
 * the reader expects; when the document has moved on, the page says so instead of showing
 * another edition's text as if it were that one.
 */
export function DocumentPreviewPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const preview = useQuery({ queryKey: previewKey(id), queryFn: () => documentsApi.get(id), staleTime: 0, gcTime: 0, refetchOnMount: 'always' });
  if (preview.isLoading) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  if (preview.error || !preview.data) return <StatusPage title={t('common.error')} text={problemText(preview.error, t('common.notFound'))} />;
  const requested = params.get('edition');
  const detail = preview.data;
  if (requested !== null && Number(requested) !== detail.edition.id) {
    return (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Link to={`/documents/${id}`}>{t('documents.preview.backToEditor')}</Link>
        <Alert type="warning" showIcon title={t('documents.preview.notCurrent', { n: detail.edition.number })}
          action={<Link to={`/documents/${id}/preview`}>{t('documents.preview.showCurrent')}</Link>} />
      </Space>
    );
  }
  return <Preview detail={detail} />;
}

function Preview({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  const { document: doc, edition, attachments } = detail;
  const published = edition.status === 'published';
  const validity = t(`documents.validity.${edition.validity}`);
  const dash = (v: string | null | undefined) => (v ? v : '—');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap size="large">
        <Link to={`/documents/${doc.id}`}>{t('documents.preview.backToEditor')}</Link>
        <Link to={`/review/${doc.id}`}>{t('documents.preview.toReview')}</Link>
        <a href={`/api/v1/documents/${doc.id}/rendered?edition=${edition.id}`} target="_blank" rel="noopener noreferrer">{t('documents.preview.asSite')}</a>
      </Space>
      <Alert
        type={published ? 'info' : 'warning'} showIcon
        title={<Space wrap><strong>{t(published ? 'documents.preview.labelPublished' : 'documents.preview.label')}</strong>
          <span>{t('documents.preview.edition', { n: edition.number })}</span><EditionStatusTag status={edition.status} /></Space>}
        description={t(published ? 'documents.preview.noticePublished' : 'documents.preview.notice')}
      />
      <Card>
        <article style={{ maxWidth: 960, margin: '0 auto' }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={[
            { key: 'index', label: t('documents.indexNumber'), children: dash(doc.indexNumber) },
            { key: 'topic', label: t('documents.field.topicCategory'), children: dash(edition.topicCategory?.split('\\').join(' / ')) },
            { key: 'org', label: t('documents.preview.issuingOrg'), children: dash(edition.issuingOrgName) },
            { key: 'written', label: t('documents.field.dateWritten'), children: dash(edition.dateWritten) },
            { key: 'title', label: t('documents.preview.title'), span: 'filled', children: edition.title || t('documents.untitled') },
            { key: 'number', label: t('documents.field.documentNumber'), children: dash(edition.documentNumber) },
            { key: 'published', label: t('documents.publishedAt'), children: edition.publishedAt ? formatDate(edition.publishedAt) : t('documents.notPublished') },
            { key: 'validity', label: t('documents.field.validity'), children: edition.validityDate ? t('documents.preview.validityUntil', { validity, date: edition.validityDate }) : validity },
            { key: 'genre', label: t('documents.field.genre'), children: dash(edition.genre) },
            { key: 'keywords', label: t('documents.field.keywords'), children: dash(edition.keywords) },
            { key: 'source', label: t('documents.field.source'), children: dash(edition.source) },
          ]} />
          <Typography.Title level={1} style={{ fontSize: 26, textAlign: 'center', margin: '32px 0 8px' }}>{edition.title || t('documents.untitled')}</Typography.Title>
          {edition.subtitle && <Typography.Paragraph style={{ textAlign: 'center', fontSize: 18 }}>{edition.subtitle}</Typography.Paragraph>}
          {/* Sanitized by the server with its allow-list when saved: the same HTML the public page will carry. */}
          <div className="jiyue-preview-body" style={{ borderTop: '1px solid #f0f0f0', marginTop: 16, paddingTop: 16, lineHeight: 1.9, fontSize: 16 }}
            dangerouslySetInnerHTML={{ __html: edition.bodyHtml }} />
          {attachments.length > 0 && (
            <section aria-labelledby="preview-attachments" style={{ marginTop: 24 }}>
              <Typography.Title level={2} id="preview-attachments" style={{ fontSize: 16 }}>{t('documents.preview.attachments')}</Typography.Title>
              <ol style={{ paddingInlineStart: 24 }}>
                {attachments.map((a) => (
                  <li key={a.id}>
                    <Flex gap={12} wrap>
                      <a href={downloadUrl(a.id)}>{a.originalName}</a>
                      <Typography.Text type="secondary">{t('documents.preview.attachmentType')}：{fileType(a)}</Typography.Text>
                      <Typography.Text type="secondary">{t('documents.attachments.size')}：{formatSize(a.size)}</Typography.Text>
                    </Flex>
                  </li>
                ))}
              </ol>
            </section>
          )}
        </article>
      </Card>
    </Space>
  );
}
