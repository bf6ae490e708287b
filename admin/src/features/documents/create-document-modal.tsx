import { useState } from 'react';
import { Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { useColumnTree, useSiteOptions } from '../columns/columns-api';
import { columnTreeOptions } from '../columns/column-tree-options';
import { DOCUMENT_KINDS, documentsApi, type DocumentKind } from './documents-api';

interface Values { siteId: number; columnId: number; kind: DocumentKind; title: string }

/** 新建稿件: pick the site and column (where the draft lives and who may review it), the kind and a title. */
export function CreateDocumentModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<Values>();
  const [siteId, setSiteId] = useState<number | null>(null);
  const sites = useSiteOptions();
  const tree = useColumnTree(siteId);
  const create = useMutation({
    mutationFn: (v: Values) => documentsApi.create({ columnId: v.columnId, kind: v.kind, title: v.title }),
    onSuccess: (r) => { onClose(); void navigate(`/documents/${r.document.id}`); },
    onError: (e) => showProblem(e, form),
  });

  return (
    <Modal open title={t('documents.create')} okText={t('documents.createOk')} cancelText={t('common.cancel')} confirmLoading={create.isPending}
      onCancel={onClose} onOk={() => { form.validateFields().then((v) => create.mutate(v)).catch(() => undefined); }}>
      <Form form={form} name="create-document" layout="vertical" initialValues={{ kind: 'article' }}>
        <Form.Item name="siteId" label={t('documents.site')} rules={[{ required: true, message: t('common.required', { field: t('documents.site') }) }]}>
          <Select showSearch optionFilterProp="label" options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            onChange={(v: number) => { setSiteId(v); form.setFieldValue('columnId', undefined); }} />
        </Form.Item>
        <Form.Item name="columnId" label={t('documents.column')} rules={[{ required: true, message: t('common.required', { field: t('documents.column') }) }]}>
          <TreeSelect treeData={columnTreeOptions(tree.data?.items ?? [])} treeDefaultExpandAll disabled={siteId === null} loading={tree.isLoading} />
        </Form.Item>
        <Form.Item name="kind" label={t('documents.kind')}>
          <Select options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kindLabel.${k}`) }))} />
        </Form.Item>
        <Form.Item name="title" label={t('documents.field.title')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('documents.field.title') }) }]}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
