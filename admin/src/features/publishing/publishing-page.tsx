import { useState } from 'react';
import { App, Button, Card, Form, InputNumber, Input, Radio, Select, Space, Switch, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useAuth } from '../../app/auth-context';
import { useShowProblem } from '../../app/problems';
import { useColumnTree, useSiteOptions } from '../columns/columns-api';
import { publishingApi, publishingKeys, type HomeBlock, type Palette } from './publishing-api';
import { RebuildProgress } from './rebuild-progress';

interface Values { palette: Palette; navColumns: number[]; homeBlocks: HomeBlock[]; mourning: boolean }

/** 网站发布: a site's look (palette, navigation, home blocks, mourning grayscale) and full rebuilds with a progress bar. */
export function PublishingPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const sites = useSiteOptions();
  const [siteId, setSiteId] = useState<number | null>(null);
  const [jobId, setJobId] = useState<number | null>(null);
  const [form] = Form.useForm<Values>();
  const site = (sites.data ?? []).find((s) => s.id === siteId);
  const tree = useColumnTree(siteId);
  const theme = useQuery({ queryKey: publishingKeys.theme(siteId ?? 0), queryFn: () => publishingApi.theme(siteId!), enabled: siteId !== null });
  const columnOptions = (tree.data?.items ?? []).filter((c) => c.kind !== 'link').map((c) => ({ value: c.id, label: `${'　'.repeat(c.depth)}${c.name}` }));
  const save = useMutation({
    mutationFn: (v: Values) => publishingApi.saveTheme(siteId!, { ...v, homeBlocks: v.homeBlocks.map((b) => ({ columnId: b.columnId, count: b.count, ...(b.title ? { title: b.title } : {}) })) }),
    onSuccess: (r) => { setJobId(r.jobId); void message.success(t('publishing.saved')); void queryClient.invalidateQueries({ queryKey: publishingKeys.theme(siteId!) }); },
    onError: (e) => showProblem(e, form),
  });
  const rebuild = useMutation({
    mutationFn: (code?: string) => publishingApi.rebuild(code),
    onSuccess: (r) => setJobId(r.jobId),
    onError: (e) => showProblem(e),
  });

  return (
    <Card title={t('publishing.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <label htmlFor="publishing-site">{t('documents.site')}</label>
        <Select id="publishing-site" showSearch optionFilterProp="label" style={{ width: 260 }} value={siteId ?? undefined}
          options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          onChange={(v: number) => { setSiteId(v); setJobId(null); }} />
        {site && can('publishing.manage') && (
          <Button onClick={() => rebuild.mutate(site.code)} loading={rebuild.isPending}>{t('publishing.rebuildSite')}</Button>
        )}
        {can('publishing.manage') && can('jobs.read') && (
          <Button onClick={() => rebuild.mutate(undefined)} loading={rebuild.isPending}>{t('publishing.rebuildAll')}</Button>
        )}
        {site && <Typography.Link href={`http://${site.code}.localhost:${window.location.port || '80'}/`} target="_blank" rel="noreferrer">{t('publishing.visit')}</Typography.Link>}
      </Space>
      {jobId !== null && <div style={{ marginBottom: 16 }}><RebuildProgress jobId={jobId} /></div>}
      {theme.data && (
        <Form<Values> form={form} key={siteId} layout="vertical" name="theme-settings" disabled={!can('sites.settings')} style={{ maxWidth: 720 }}
          initialValues={{ palette: theme.data.palette, navColumns: [...theme.data.navColumns], homeBlocks: [...theme.data.homeBlocks], mourning: theme.data.mourning }}
          onFinish={(v) => save.mutate(v)}>
          <Form.Item name="palette" label={t('publishing.palette')}>
            <Radio.Group options={theme.data.palettes.map((p) => ({ value: p, label: t(`publishing.palette.${p}`) }))} />
          </Form.Item>
          <Form.Item name="navColumns" label={t('publishing.nav')} extra={t('publishing.navHint')}>
            <Select mode="multiple" options={columnOptions} optionFilterProp="label" />
          </Form.Item>
          <Typography.Text strong>{t('publishing.blocks')}</Typography.Text>
          <Typography.Paragraph type="secondary">{t('publishing.blocksHint')}</Typography.Paragraph>
          <Form.List name="homeBlocks">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'columnId']} label={t('documents.column')} rules={[{ required: true, message: t('common.required', { field: t('documents.column') }) }]}>
                      <Select style={{ width: 240 }} options={columnOptions} optionFilterProp="label" showSearch />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']} label={t('publishing.blockTitle')}><Input maxLength={40} style={{ width: 160 }} /></Form.Item>
                    <Form.Item name={[f.name, 'count']} label={t('publishing.blockCount')} initialValue={8}><InputNumber min={1} max={30} /></Form.Item>
                    <Button type="text" aria-label={t('publishing.removeBlock')} icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(f.name)} />
                  </Space>
                ))}
                <Form.Item><Button type="dashed" icon={<PlusOutlined aria-hidden />} onClick={() => add({ count: 8 })}>{t('publishing.addBlock')}</Button></Form.Item>
              </>
            )}
          </Form.List>
          <Form.Item name="mourning" label={t('publishing.mourning')} valuePropName="checked" extra={t('publishing.mourningHint')}><Switch /></Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('publishing.save')}</Button>
        </Form>
      )}
    </Card>
  );
}
