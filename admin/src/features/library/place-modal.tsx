import { useState } from 'react';
import { Form, Modal, Radio, Select, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { useColumnTree, useSiteOptions } from '../columns/columns-api';
import { columnTreeOptions } from '../columns/column-tree-options';
import { libraryApi, libraryKeys, type PlacementMode } from './library-api';

interface Values { siteId: number; columnId: number; mode: PlacementMode }

/** 放入本站栏目: choose the receiving site and column and whether to reference or copy. */
export function PlaceModal({ documentId, title, onClose }: { documentId: number; title: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const showProblem = useShowProblem();
  const [form] = Form.useForm<Values>();
  const [siteId, setSiteId] = useState<number | null>(null);
  const sites = useSiteOptions();
  const tree = useColumnTree(siteId);
  const place = useMutation({
    mutationFn: (v: Values) => libraryApi.place(documentId, { columnId: v.columnId, mode: v.mode }),
    onSuccess: ({ placement }) => {
      void queryClient.invalidateQueries({ queryKey: libraryKeys.all });
      onClose();
      if (placement.mode === 'copy') {
        void message.success(t('library.place.doneCopy'));
        void navigate(`/documents/${placement.documentId}`);
      } else {
        void message.success(t('library.place.doneReference'));
      }
    },
    onError: (e) => showProblem(e, form),
  });

  return (
    <Modal open title={t('library.place.title', { title })} okText={t('library.place.ok')} cancelText={t('common.cancel')} confirmLoading={place.isPending}
      onCancel={onClose} onOk={() => { form.validateFields().then((v) => place.mutate(v)).catch(() => undefined); }}>
      <Form form={form} name="place-document" layout="vertical" initialValues={{ mode: 'reference' }}>
        <Form.Item name="siteId" label={t('documents.site')} rules={[{ required: true, message: t('common.required', { field: t('documents.site') }) }]}>
          <Select showSearch optionFilterProp="label" options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
            onChange={(v: number) => { setSiteId(v); form.setFieldValue('columnId', undefined); }} />
        </Form.Item>
        <Form.Item name="columnId" label={t('documents.column')} rules={[{ required: true, message: t('common.required', { field: t('documents.column') }) }]}>
          <TreeSelect treeData={columnTreeOptions(tree.data?.items ?? [])} treeDefaultExpandAll disabled={siteId === null} loading={tree.isLoading} />
        </Form.Item>
        <Form.Item name="mode" label={t('library.place.mode')}>
          <Radio.Group options={[
            { value: 'reference', label: t('library.mode.reference') },
            { value: 'copy', label: t('library.mode.copy') },
          ]} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
