import { App, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { ORG_KINDS, identityApi, identityKeys, type OrgKind } from './identity-api';
import { OrgSelect } from './org-select';

interface Values {
  parentId: number;
  name: string;
  kind: OrgKind;
  divisionCode?: string;
}

export function OrgCreateModal({ defaultParentId, onClose }: { defaultParentId: number | null; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  const create = useMutation({
    mutationFn: (v: Values) => {
      const division = v.divisionCode?.trim();
      return identityApi.createOrg({
        parentId: v.parentId,
        name: v.name.trim(),
        kind: v.kind,
        ...(division ? { divisionCode: division } : {}),
      });
    },
    onSuccess: (_, v) => {
      void message.success(t('orgs.created', { name: v.name }));
      void queryClient.invalidateQueries({ queryKey: identityKeys.orgs });
      onClose();
    },
    onError: (e) => showProblem(e, form),
  });

  return (
    <Modal
      open
      title={t('orgs.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        name="org"
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{ parentId: defaultParentId ?? undefined, kind: 'department' }}
      >
        <Form.Item
          name="parentId"
          label={t('orgs.parent')}
          rules={[{ required: true, message: t('common.required', { field: t('orgs.parent') }) }]}
        >
          <OrgSelect />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('orgs.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('orgs.name') }) }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true }]}>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgs.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label={t('orgs.divisionCode')}
          rules={[{ pattern: /^\d{6}$/, message: t('orgs.divisionCodeFormat') }]}
        >
          <Input autoComplete="off" inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
