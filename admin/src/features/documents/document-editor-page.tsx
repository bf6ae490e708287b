import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Row, Space, Spin, Tabs, Typography } from 'antd';
import { ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { applyFieldErrors, problemText } from '../../app/problems';
import { isApiError } from '../../app/api-client';
import { StatusPage } from '../../app/status-page';
import { documentKeys, documentsApi, useDocument, useDocumentOptions, type DocumentDetail } from './documents-api';
import { fromFormValues, MetadataFields, toFormValues, type MetadataValues } from './metadata-form';
import { RichTextEditor } from './rich-text-editor';
import { AttachmentsPanel } from './attachments-panel';
import { RevisionsPanel } from './revisions-panel';
import { PlacementsPanel } from '../library/placements-panel';
import { EditionStatusTag } from './status-tags';
import { PreviewButton } from './preview-button';
import { CheckDraftButton } from './check-draft-button';

const EDITABLE = new Set(['draft', 'rejected', 'published', 'withdrawn']);

/** 稿件编辑: body and metadata side by side, attachments, revision history with diff. */
export function DocumentEditorPage() {
  const { t } = useI18n();
  const { id: rawId } = useParams();
  const id = Number(rawId);
  const detail = useDocument(id);
  if (detail.isLoading) return <Spin size="large" style={{ display: 'block', margin: 64 }} />;
  if (detail.error || !detail.data) return <StatusPage title={t('common.error')} text={problemText(detail.error, t('common.notFound'))} />;
  return <Editor key={detail.data.edition.id} detail={detail.data} />;
}

function Editor({ detail }: { detail: DocumentDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const options = useDocumentOptions();
  const [form] = Form.useForm<MetadataValues>();
  const body = useRef(detail.edition.bodyHtml);
  const [stale, setStale] = useState<string | null>(null);
  const { document: doc, edition } = detail;
  const canWrite = can('documents.write') && EDITABLE.has(edition.status);
  const startsNewEdition = edition.status === 'published' || edition.status === 'withdrawn';

  useEffect(() => { form.setFieldsValue(toFormValues(edition)); }, [form, edition]);

  const save = useMutation({
    mutationFn: (values: MetadataValues) => documentsApi.save(doc.id, { lockVersion: edition.lockVersion, ...fromFormValues(values), bodyHtml: body.current }),
    onSuccess: (r) => {
      setStale(null);
      void message.success(t('documents.saved', { n: r.edition.number }));
      void queryClient.invalidateQueries({ queryKey: documentKeys.detail(doc.id) });
      void queryClient.invalidateQueries({ queryKey: documentKeys.editions(doc.id) });
    },
    onError: (e) => {
      if (isApiError(e) && e.code === 'content.document.stale') { setStale(e.detail); return; }
      applyFieldErrors(form, e);
      void message.error(problemText(e, t('common.error')));
    },
  });
  const reload = () => { setStale(null); void queryClient.invalidateQueries({ queryKey: documentKeys.detail(doc.id) }); };
  // What the checks see: the form and the body as they stand, with the column's required metadata.
  const draft = async () => {
    const v = fromFormValues(form.getFieldsValue(true) as MetadataValues);
    return {
      title: v.title ?? '', bodyHtml: body.current, columnKind: detail.column.kind,
      metadata: {
        subtitle: v.subtitle, summary: v.summary, keywords: v.keywords, documentNumber: v.documentNumber, topicCategory: v.topicCategory, genre: v.genre,
        issuingOrgName: v.issuingOrgName, dateWritten: v.dateWritten, source: v.source, indexNumber: doc.indexNumber, interpretsId: doc.interpretsId,
      },
    };
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Link to="/documents">{t('documents.backToList')}</Link>
          <Typography.Title level={4} style={{ margin: 0 }}>{edition.title || t('documents.untitled')}</Typography.Title>
          <EditionStatusTag status={edition.status} />
          <Link to={`/review/${doc.id}`}>{t('documents.openReview')}</Link>
          <PreviewButton documentId={doc.id} />
          {canWrite && <CheckDraftButton draft={draft} />}
        </Space>
        {canWrite && (
          <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={save.isPending}
            onClick={() => { form.validateFields().then((v) => save.mutate(v)).catch(() => undefined); }}>
            {startsNewEdition ? t('documents.saveAsNewEdition') : t('common.save')}
          </Button>
        )}
      </Flex>
      {stale && (
        <Alert type="error" showIcon title={stale} action={<Button size="small" icon={<ReloadOutlined aria-hidden />} onClick={reload}>{t('documents.reload')}</Button>} />
      )}
      {startsNewEdition && canWrite && <Alert type="info" showIcon title={t('documents.newEditionHint', { n: edition.number + 1 })} />}
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }} items={[
        { key: 'index', label: t('documents.indexNumber'), children: doc.indexNumber ?? '—' },
        { key: 'column', label: t('documents.column'), children: detail.column.name },
        { key: 'kind', label: t('documents.kind'), children: t(`documents.kindLabel.${doc.kind}`) },
        { key: 'edition', label: t('documents.editionNumber'), children: `${edition.number}（lock ${edition.lockVersion}）` },
        { key: 'editor', label: t('documents.lastEditor'), children: `${edition.lastEditorName} · ${formatTime(edition.updatedAt)}` },
        { key: 'published', label: t('documents.publishedAt'), children: doc.firstPublishedAt ? t('documents.publishedInfo', { first: formatTime(doc.firstPublishedAt), last: formatTime(doc.lastPublishedAt) }) : t('documents.notPublished') },
      ]} />
      <Tabs items={[
        {
          key: 'edit', label: t('documents.tab.edit'), forceRender: true,
          children: (
            <Form form={form} layout="vertical" disabled={!canWrite} initialValues={toFormValues(edition)}>
              <Row gutter={16}>
                <Col xs={24} lg={16}>
                  <Card size="small">
                    <Form.Item name="title" label={t('documents.field.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('documents.field.title') }) }]}>
                      <Input maxLength={500} showCount />
                    </Form.Item>
                    <Form.Item name="subtitle" label={t('documents.field.subtitle')}><Input maxLength={500} /></Form.Item>
                    <Typography.Text strong id="body-label">{t('documents.field.body')}</Typography.Text>
                    <RichTextEditor label={t('documents.field.body')} initialHtml={edition.bodyHtml} resetKey={edition.id} readOnly={!canWrite} onChange={(html) => { body.current = html; }} />
                  </Card>
                </Col>
                <Col xs={24} lg={8}>
                  <Card size="small" title={t('documents.metadata')}>
                    <MetadataFields options={options.data} readOnly={!canWrite} canCorrect={doc.firstPublishedAt !== null} />
                  </Card>
                </Col>
              </Row>
            </Form>
          ),
        },
        {
          key: 'attachments', label: t('documents.tab.attachments', { n: detail.attachments.length }),
          children: <AttachmentsPanel documentId={doc.id} attachments={detail.attachments} canEdit={canWrite} canDelete={canWrite && !startsNewEdition} options={options.data} />,
        },
        { key: 'revisions', label: t('documents.tab.revisions'), children: <RevisionsPanel documentId={doc.id} /> },
        { key: 'placements', label: t('library.panel.title'), children: <PlacementsPanel documentId={doc.id} title={edition.title} published={doc.status === 'published'} /> },
      ]} />
    </Space>
  );
}
