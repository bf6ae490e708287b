import { useState } from 'react';
import { App, Button, Card, Flex, Form, Input, InputNumber, Modal, Popconfirm, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { lettersApi, lettersKeys, type ReplyTemplate } from './letters-api';
import { SitePicker, useFirstSite } from './site-picker';

function TemplateModal({ siteId, template, onClose }: { siteId: number; template: ReplyTemplate | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; body: string; sortOrder: number }>();
  const save = useMutation({
    mutationFn: (v: { name: string; body: string; sortOrder: number }) => (template ? lettersApi.updateTemplate(template.id, v) : lettersApi.createTemplate(siteId, v)),
    onSuccess: () => {
      void message.success(t('letters.templates.saved'));
      void queryClient.invalidateQueries({ queryKey: lettersKeys.templates(siteId) });
      onClose();
    },
    onError: (e) => showProblem(e, form),
  });
  return (
    <Modal open title={template ? t('letters.templates.edit') : t('letters.templates.create')} okText={t('common.save')} cancelText={t('common.cancel')}
      confirmLoading={save.isPending} onOk={() => void form.validateFields().then((v) => save.mutate(v))} onCancel={onClose} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={template ? { name: template.name, body: template.body, sortOrder: template.sortOrder } : { sortOrder: 10 }}>
        <Form.Item name="name" label={t('letters.templates.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} aria-label={t('letters.templates.name')} />
        </Form.Item>
        <Form.Item name="body" label={t('letters.templates.body')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={10} maxLength={10_000} showCount aria-label={t('letters.templates.body')} />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('letters.mailboxes.sortOrder')}>
          <InputNumber min={0} max={100_000} precision={0} aria-label={t('letters.mailboxes.sortOrder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 答复模板: a site's reply templates, kept by its site admin or central handler. */
export function TemplatesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const first = useFirstSite();
  const siteId = picked ?? first;
  const [editing, setEditing] = useState<ReplyTemplate | 'new' | null>(null);
  const list = useQuery({ queryKey: lettersKeys.templates(siteId ?? 0), queryFn: () => lettersApi.templates(siteId!), enabled: siteId !== undefined });
  const remove = useMutation({
    mutationFn: (id: number) => lettersApi.deleteTemplate(id),
    onSuccess: () => {
      void message.success(t('letters.templates.deleted'));
      void queryClient.invalidateQueries({ queryKey: lettersKeys.templates(siteId ?? 0) });
    },
    onError: (e) => showProblem(e),
  });
  const columns: ColumnsType<ReplyTemplate> = [
    { title: t('letters.mailboxes.sortOrder'), dataIndex: 'sortOrder', key: 'sort', width: 70 },
    { title: t('letters.templates.name'), dataIndex: 'name', key: 'name' },
    { title: t('letters.templates.body'), key: 'body', render: (_, x) => <Typography.Text ellipsis style={{ maxWidth: 480 }}>{x.body}</Typography.Text> },
    { title: t('letters.supervision.createdAt'), key: 'updated', width: 170, render: (_, x) => formatTime(x.updatedAt) },
    {
      title: t('letters.actions'), key: 'actions',
      render: (_, x) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => setEditing(x)}>{t('letters.edit')}</Button>
          <Popconfirm title={t('letters.templates.deleteConfirm', { name: x.name })} onConfirm={() => remove.mutate(x.id)}>
            <Button type="link" size="small" danger>{t('letters.templates.delete')}</Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];
  const placeholders = (list.data?.placeholders ?? []).map((p) => `{{${p}}}`).join('、');
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('letters.templates.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('letters.templates.intro', { placeholders })}</Typography.Paragraph>
      <Card size="small">
        <Flex gap={12} wrap>
          <SitePicker value={siteId} onChange={setPicked} />
          <Button type="primary" disabled={siteId === undefined} onClick={() => setEditing('new')}>{t('letters.templates.create')}</Button>
        </Flex>
      </Card>
      <Table<ReplyTemplate> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching && !list.data} pagination={false} />
      {editing && siteId !== undefined && <TemplateModal siteId={siteId} template={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}
