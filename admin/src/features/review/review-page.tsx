import { Card, Col, Descriptions, Flex, Row, Space, Spin, Steps, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { formatTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { StatusPage } from '../../app/status-page';
import { CheckResultsList } from '../checks/check-results-list';
import { EditionStatusTag } from '../documents/status-tags';
import { PreviewButton } from '../documents/preview-button';
import { useReviewView, type ReviewView } from './review-api';
import { ReviewActions } from './review-actions';
import { ReviewHistory } from './review-history';
import { ReviewLinks } from './review-links';
import { ReviewNotices } from './review-notices';

/** 稿件审核: the edition as submitted, the chain with who approved what, the check results beside it, and the decision buttons. */
export function ReviewPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const view = useReviewView(id);
  if (view.isLoading) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  if (view.error || !view.data) return <StatusPage title={t('common.error')} text={problemText(view.error, t('common.notFound'))} />;
  return <Review view={view.data} />;
}

function Review({ view }: { view: ReviewView }) {
  const { t } = useI18n();
  const { document: doc, edition } = view;
  const currentIndex = view.chain.findIndex((s) => s.state === 'current');
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Link to="/review">{t('review.backToInbox')}</Link>
          <Typography.Title level={4} style={{ margin: 0 }}>{edition.title || t('documents.untitled')}</Typography.Title>
          <EditionStatusTag status={edition.status} />
          <Link to={`/documents/${doc.id}`}>{t('review.openEditor')}</Link>
          <PreviewButton documentId={doc.id} editionId={edition.id} />
        </Space>
        <ReviewActions view={view} />
      </Flex>
      <ReviewNotices view={view} />
      <Card size="small" title={t('review.chain')}>
        <Steps
          current={currentIndex < 0 ? view.chain.length : currentIndex}
          items={view.chain.map((s) => ({
            title: s.name,
            status: s.state === 'done' ? 'finish' : s.state === 'current' ? 'process' : 'wait',
            content: s.by ? `${s.by} · ${formatTime(s.at)}` : s.roleLabel,
          }))}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={15}>
          <Card size="small" title={t('review.content')}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }} items={[
              { key: 'column', label: t('documents.column'), children: view.column.name },
              { key: 'kind', label: t('documents.kind'), children: t(`documents.kindLabel.${doc.kind}`) },
              { key: 'index', label: t('documents.indexNumber'), children: doc.indexNumber ?? '—' },
              { key: 'number', label: t('documents.field.documentNumber'), children: edition.documentNumber ?? '—' },
              { key: 'author', label: t('documents.author'), children: edition.authorName },
              { key: 'edition', label: t('documents.editionNumber'), children: edition.number },
              { key: 'scheduled', label: t('review.schedule.publishAt'), children: formatTime(edition.scheduledPublishAt) },
              { key: 'unpublish', label: t('review.schedule.unpublishAt'), children: formatTime(edition.scheduledUnpublishAt) },
            ]} />
            {edition.subtitle && <Typography.Paragraph type="secondary">{edition.subtitle}</Typography.Paragraph>}
            {/* The body was sanitized by the server with an allow-list when it was saved; shown as the reviewer will approve it. */}
            <div className="review-body" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12, lineHeight: 1.8 }} dangerouslySetInnerHTML={{ __html: edition.bodyHtml }} />
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={<Space>{t('review.checks')}{view.checks.counts.block > 0 && <Tag color="error">{t('review.blockingCount', { n: view.checks.counts.block })}</Tag>}</Space>}>
              <CheckResultsList results={view.checks.results} />
            </Card>
            <ReviewLinks view={view} />
            <Card size="small" title={t('review.history')}><ReviewHistory history={view.history} /></Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}

