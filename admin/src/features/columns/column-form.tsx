import { useEffect } from 'react';
import { App, Button, Flex, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { columnKeys, columnsApi, type Column, type ColumnInput, type ColumnKind, type KindsReply, type WorkflowStep } from './columns-api';
import { WorkflowStepsField } from './workflow-steps-field';

interface Values {
  name: string;
  slug: string;
  kind: ColumnKind;
  description?: string;
  keywords?: string;
  hasRule: boolean;
  updateDays?: number | null;
  visible: boolean;
  commentsEnabled: boolean;
  linkUrl?: string;
  workflow: WorkflowStep[];
}

type Props =
  | { readonly mode: 'create'; readonly siteId: number; readonly parent: Column | null; readonly kinds: KindsReply; readonly onDone: (c: Column) => void; readonly onCancel: () => void }
  | { readonly mode: 'edit'; readonly column: Column; readonly kinds: KindsReply; readonly readOnly: boolean; readonly onDone: (c: Column) => void };

function initialValues(props: Props): Values {
  if (props.mode === 'edit') {
    const c = props.column;
    return {
      name: c.name, slug: c.slug, kind: c.kind, description: c.description, keywords: c.keywords, hasRule: c.updateDays !== null,
      updateDays: c.updateDays, visible: c.visible, commentsEnabled: c.commentsEnabled, linkUrl: c.linkUrl ?? '', workflow: c.workflow.map((s) => ({ ...s })),
    };
  }
  const kind: ColumnKind = props.parent?.kind === 'link' ? 'news' : (props.parent?.kind ?? 'news');
  const days = props.kinds.items.find((k) => k.kind === kind)?.defaultUpdateDays ?? null;
  return {
    name: '', slug: '', kind, description: '', keywords: '', hasRule: days !== null, updateDays: days, visible: true, commentsEnabled: false,
    linkUrl: '', workflow: props.kinds.defaultWorkflow.map((s) => ({ ...s })),
  };
}

function toInput(v: Values): ColumnInput {
  return {
    name: v.name.trim(), slug: v.slug.trim(), kind: v.kind, description: (v.description ?? '').trim(), keywords: (v.keywords ?? '').trim(),
    updateDays: v.hasRule ? (v.updateDays ?? null) : null, visible: v.visible, commentsEnabled: v.commentsEnabled,
    linkUrl: v.kind === 'link' ? (v.linkUrl ?? '').trim() : null, workflow: v.workflow.map((s) => ({ name: s.name.trim(), role: s.role })),
  };
}

/** Create or edit a column. Field errors from the server (slug taken, link URL, chain) land on their fields. */
export function ColumnForm(props: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const hasRule = Form.useWatch('hasRule', form);
  const readOnly = props.mode === 'edit' && props.readOnly;
  const kindInfo = props.kinds.items.find((k) => k.kind === kind);
  const resetKey = props.mode === 'edit' ? `${props.column.id}:${props.column.updatedAt}` : `new:${props.parent?.id ?? 0}`;

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(initialValues(props));
    // Reset only when another column (or a saved version of it) is shown, not on every render.
  }, [resetKey]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const input = toInput(v);
      return props.mode === 'create'
        ? columnsApi.create(props.siteId, { ...input, parentId: props.parent?.id ?? null })
        : columnsApi.update(props.column.id, input);
    },
    onSuccess: (r) => {
      void message.success(t(props.mode === 'create' ? 'columns.created' : 'columns.saved', { name: r.column.name }));
      void queryClient.invalidateQueries({ queryKey: columnKeys.tree(r.column.siteId) });
      props.onDone(r.column);
    },
    onError: (e) => showProblem(e, form),
  });

  const onKindChange = (next: ColumnKind) => {
    const days = props.kinds.items.find((k) => k.kind === next)?.defaultUpdateDays ?? null;
    form.setFieldsValue({ hasRule: days !== null, updateDays: days });
  };
  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label }) });

  return (
    <Form form={form} name="column" layout="vertical" disabled={readOnly} initialValues={initialValues(props)} onFinish={(v) => save.mutate(v)}>
      <Flex gap={16} wrap>
        <Form.Item name="name" label={t('columns.name')} style={{ flex: '1 1 220px' }} rules={[required(t('columns.name')), { max: 100 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="slug"
          label={t('columns.slug')}
          style={{ flex: '1 1 180px' }}
          extra={t('columns.slugHelp')}
          rules={[required(t('columns.slug')), { pattern: /^[a-z0-9][a-z0-9-]{0,63}$/, message: t('columns.slugFormat') }]}
        >
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
      </Flex>
      <Form.Item name="kind" label={t('columns.kind')} extra={kindInfo ? t('columns.defaultRule', { rule: kindInfo.rule }) : undefined} rules={[{ required: true }]}>
        <Select options={props.kinds.items.map((k) => ({ value: k.kind, label: k.label }))} onChange={onKindChange} />
      </Form.Item>
      {kind === 'link' && (
        <Form.Item
          name="linkUrl"
          label={t('columns.linkUrl')}
          rules={[required(t('columns.linkUrl')), { pattern: /^https?:\/\/\S+$/i, message: t('columns.linkUrlFormat') }]}
        >
          <Input autoComplete="off" inputMode="url" placeholder="https://" />
        </Form.Item>
      )}
      <Form.Item label={t('columns.updateRule')}>
        <Flex gap={16} align="center" wrap>
          <Form.Item name="hasRule" valuePropName="checked" noStyle>
            <Switch aria-label={t('columns.updateRule')} />
          </Form.Item>
          {hasRule ? (
            <Form.Item name="updateDays" noStyle rules={[{ required: true, message: t('common.required', { field: t('columns.updateDays') }) }]}>
              <InputNumber aria-label={t('columns.updateDays')} min={1} max={3650} precision={0} addonAfter={t('columns.updateDays')} />
            </Form.Item>
          ) : (
            <Typography.Text type="secondary">{t('columns.noUpdateRule')}</Typography.Text>
          )}
        </Flex>
      </Form.Item>
      <Flex gap={32}>
        <Form.Item name="visible" label={t('columns.visible')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="commentsEnabled" label={t('columns.commentsEnabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Flex>
      <WorkflowStepsField kinds={props.kinds} disabled={readOnly} />
      <Form.Item name="description" label={t('columns.description')} rules={[{ max: 2000 }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <Form.Item name="keywords" label={t('columns.keywords')} rules={[{ max: 500 }]}>
        <Input autoComplete="off" />
      </Form.Item>
      {!readOnly && (
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
          {props.mode === 'create' && <Button onClick={props.onCancel}>{t('common.cancel')}</Button>}
        </Flex>
      )}
    </Form>
  );
}
