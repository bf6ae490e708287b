import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Input, List, Row, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { formatTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { lineDiff, SAMPLE_PAGES, themesApi, type SamplePage } from './themes-api';

const DIFF_STYLE = { insert: { background: '#e6ffed' }, delete: { background: '#ffeef0', textDecoration: 'line-through' }, equal: {} } as const;

/** 主题模板: the template developer edits a template, previews real pages with it, compares and saves (audited; sites rebuilt). */
export function ThemeEditorPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['themes', 'list'], queryFn: themesApi.list });
  const [name, setName] = useState<string>('partials/footer');
  const detail = useQuery({ queryKey: ['themes', 'template', name], queryFn: () => themesApi.get(name) });
  const [source, setSource] = useState('');
  const [page, setPage] = useState<SamplePage>('home');
  const [note, setNote] = useState('');
  const [html, setHtml] = useState<string | null>(null);
  useEffect(() => { if (detail.data) { setSource(detail.data.source); setHtml(null); } }, [detail.data]);
  const preview = useMutation({ mutationFn: () => themesApi.preview({ name, source, page }), onSuccess: (r) => setHtml(r.html) });
  const refresh = () => { void queryClient.invalidateQueries({ queryKey: ['themes'] }); setNote(''); };
  const save = useMutation({ mutationFn: () => themesApi.save({ name, source, note }), onSuccess: () => { void message.success(t('themes.saved')); refresh(); } });
  const revert = useMutation({ mutationFn: () => themesApi.revert({ name, note: note || t('themes.revertNote') }), onSuccess: () => { void message.success(t('themes.reverted')); refresh(); } });
  const error = preview.error ?? save.error ?? revert.error;
  const saved = detail.data?.source ?? '';

  return (
    <Card title={t('themes.title')}>
      <Typography.Paragraph type="secondary">{t('themes.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <label htmlFor="theme-template">{t('themes.template')}</label>
        <Select id="theme-template" style={{ width: 240 }} value={name} onChange={setName}
          options={(list.data?.items ?? []).map((i) => ({ value: i.name, label: `${i.name}${i.overridden ? ' ✎' : ''}` }))} />
        {detail.data?.overridden ? <Tag color="blue">{t('themes.overridden')}</Tag> : <Tag>{t('themes.shipped')}</Tag>}
      </Space>
      {error && <Alert type="error" showIcon title={problemText(error, t('common.error'))} style={{ marginBottom: 12 }} role="alert" />}
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Input.TextArea aria-label={t('themes.source')} value={source} onChange={(e) => setSource(e.target.value)} spellCheck={false}
            autoSize={{ minRows: 18, maxRows: 36 }} style={{ fontFamily: 'monospace', fontSize: 13 }} />
          <Space wrap style={{ marginTop: 12 }}>
            <label htmlFor="theme-page">{t('themes.samplePage')}</label>
            <Select id="theme-page" style={{ width: 140 }} value={page} onChange={setPage} options={SAMPLE_PAGES.map((p) => ({ value: p, label: t(`themes.page.${p}`) }))} />
            {/* A fixed name: antd's loading icon (aria-label "loading") can linger in the button
                after its leave animation, which renamed the button for screen readers and tests. */}
            <Button onClick={() => preview.mutate()} loading={preview.isPending} aria-label={t('themes.preview')} aria-busy={preview.isPending}>{t('themes.preview')}</Button>
          </Space>
          <Space wrap style={{ marginTop: 12 }}>
            <Input aria-label={t('themes.note')} placeholder={t('themes.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ width: 280 }} />
            <Button type="primary" disabled={!note.trim() || source === saved} onClick={() => save.mutate()} loading={save.isPending}>{t('themes.save')}</Button>
            {detail.data?.overridden && <Button danger onClick={() => revert.mutate()} loading={revert.isPending}>{t('themes.revert')}</Button>}
          </Space>
        </Col>
        <Col xs={24} xl={12}>
          <Tabs items={[
            {
              key: 'preview', label: t('themes.previewTab'),
              children: html === null ? <Typography.Text type="secondary">{t('themes.previewHint')}</Typography.Text>
                : <iframe title={t('themes.previewTab')} sandbox="allow-same-origin" srcDoc={html} style={{ width: '100%', height: 640, border: '1px solid #d9d9d9' }} />,
            },
            {
              key: 'diff', label: t('themes.diffTab'),
              children: (
                <pre style={{ fontSize: 12, maxHeight: 640, overflow: 'auto' }} aria-label={t('themes.diffTab')}>
                  {lineDiff(detail.data?.shipped ?? '', source).map((d, i) => (
                    <div key={i} style={DIFF_STYLE[d.op]}>{d.op === 'insert' ? '+ ' : d.op === 'delete' ? '- ' : '  '}{d.line}</div>
                  ))}
                </pre>
              ),
            },
            {
              key: 'history', label: t('themes.historyTab'),
              children: (
                <List size="small" dataSource={detail.data?.revisions ?? []} locale={{ emptyText: t('themes.noRevisions') }}
                  renderItem={(r) => (
                    <List.Item actions={r.source !== null ? [<Button key="load" size="small" onClick={() => setSource(r.source ?? '')}>{t('themes.load')}</Button>] : []}>
                      {formatTime(r.savedAt)} · {r.note}{r.source === null ? ` (${t('themes.revertedTag')})` : ''}
                    </List.Item>
                  )} />
              ),
            },
          ]} />
        </Col>
      </Row>
    </Card>
  );
}
