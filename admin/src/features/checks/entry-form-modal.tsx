import { App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { CATEGORIES, checksApi, checksKeys, type DictionaryCategory, type DictionaryEntry, type EntryInput } from './checks-api';

interface Props {
  /** null = add a new entry. */
  readonly entry: DictionaryEntry | null;
  readonly onClose: () => void;
}

export function EntryFormModal({ entry, onClose }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<EntryInput>();
  const category = Form.useWatch('category', form) as DictionaryCategory | undefined;

  const save = useMutation({
    mutationFn: (v: EntryInput) => {
      const input = { ...v, phrase: v.phrase.trim(), suggestion: (v.suggestion ?? '').trim() };
      return entry ? checksApi.updateEntry(entry.id, input) : checksApi.createEntry(input);
    },
    onSuccess: ({ entry: saved }) => {
      void queryClient.invalidateQueries({ queryKey: checksKeys.dictionary });
      void message.success(t(entry ? 'checks.entryUpdated' : 'checks.entryCreated', { phrase: saved.phrase }));
      onClose();
    },
    onError: (e) => showProblem(e, form),
  });

  return (
    <Modal
      open
      title={entry ? t('checks.editEntry') : t('checks.addEntry')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        name="check-entry"
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={entry ?? { category: 'miswritten', severity: 'warn', suggestion: '' }}
      >
        <Form.Item name="category" label={t('checks.category')} rules={[{ required: true }]}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`checks.category.${c}`) }))} />
        </Form.Item>
        <Form.Item
          name="phrase"
          label={category === 'commercial_domain' ? t('checks.domain') : t('checks.phrase')}
          extra={<Typography.Text type="secondary">{category === 'commercial_domain' ? t('checks.domainHint') : t('checks.phraseHint')}</Typography.Text>}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('checks.phrase') }) }, { max: 100 }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="suggestion" label={t('checks.suggestion')} rules={[{ max: 200 }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="severity" label={t('checks.entrySeverity')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'block', label: t('checks.severity.block') },
              { value: 'warn', label: t('checks.severity.warn') },
            ]}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
