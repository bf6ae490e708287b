import { Cascader, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../app/i18n/i18n-context';
import type { DocumentOptions, Edition, EditionFields, Validity } from './documents-api';
import { documentNumberHint, todayInShanghai } from './metadata-rules';

/** The form's shape: dates as dayjs, the topic category as its two-level path. */
export interface MetadataValues {
  title: string;
  subtitle: string;
  documentNumber: string;
  issuingOrgName: string;
  dateWritten: Dayjs | null;
  topicCategory: string[];
  genre: string | undefined;
  validity: Validity;
  validityDate: Dayjs | null;
  keywords: string;
  summary: string;
  source: string;
  correctionNote: string;
}

const SEPARATOR = '\\';

export function toFormValues(e: Edition): MetadataValues {
  return {
    title: e.title, subtitle: e.subtitle, documentNumber: e.documentNumber ?? '', issuingOrgName: e.issuingOrgName,
    dateWritten: e.dateWritten ? dayjs(e.dateWritten) : null, topicCategory: e.topicCategory ? e.topicCategory.split(SEPARATOR) : [],
    genre: e.genre ?? undefined, validity: e.validity, validityDate: e.validityDate ? dayjs(e.validityDate) : null, keywords: e.keywords,
    summary: e.summary, source: e.source, correctionNote: e.correctionNote ?? '',
  };
}

export function fromFormValues(v: MetadataValues): Omit<EditionFields, 'bodyHtml'> {
  return {
    title: v.title, subtitle: v.subtitle ?? '', documentNumber: v.documentNumber?.trim() || null, issuingOrgName: v.issuingOrgName ?? '',
    dateWritten: v.dateWritten ? v.dateWritten.format('YYYY-MM-DD') : null,
    topicCategory: v.topicCategory && v.topicCategory.length > 0 ? v.topicCategory.join(SEPARATOR) : null,
    genre: v.genre ?? null, validity: v.validity, validityDate: v.validity !== 'valid' && v.validityDate ? v.validityDate.format('YYYY-MM-DD') : null,
    keywords: v.keywords ?? '', summary: v.summary ?? '', source: v.source ?? '', correctionNote: v.correctionNote?.trim() || null,
  };
}

/**
 * The disclosure metadata (NORMS: Content) with inline checks: 文号 format while typing, dates
 * not in the future, a date required once a document is no longer valid. Server refusals land
 * on the same fields.
 */
export function MetadataFields({ options, readOnly, canCorrect }: { options: DocumentOptions | undefined; readOnly: boolean; canCorrect: boolean }) {
  const { t } = useI18n();
  const today = todayInShanghai();
  const cascade = (options?.topicCategories.tree ?? []).map((c) => ({
    value: c.name, label: c.name, children: c.children.length > 0 ? c.children.map((x) => ({ value: x, label: x })) : undefined,
  }));
  return (
    <>
      <Form.Item name="documentNumber" label={t('documents.field.documentNumber')} extra={t('documents.field.documentNumberHelp')}
        rules={[{ validator: async (_r, v: string | undefined) => { const p = documentNumberHint(v ?? ''); if (p) throw new Error(p); } }]}>
        <Input disabled={readOnly} placeholder="苏政办发〔2017〕96号" allowClear />
      </Form.Item>
      <Form.Item name="issuingOrgName" label={t('documents.field.issuingOrgName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('documents.field.issuingOrgName') }) }]}>
        <Input disabled={readOnly} maxLength={200} />
      </Form.Item>
      <Form.Item name="dateWritten" label={t('documents.field.dateWritten')}
        rules={[{ validator: async (_r, v: Dayjs | null) => { if (v && v.format('YYYY-MM-DD') > today) throw new Error(t('documents.field.dateFuture', { today })); } }]}>
        <DatePicker disabled={readOnly} style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
      </Form.Item>
      <Form.Item name="topicCategory" label={t('documents.field.topicCategory')} extra={options ? t('documents.field.topicVersion', { version: options.topicCategories.version }) : undefined}>
        <Cascader disabled={readOnly} options={cascade} showSearch placeholder={t('documents.field.topicPlaceholder')} />
      </Form.Item>
      <Form.Item name="genre" label={t('documents.field.genre')}>
        <Select disabled={readOnly} allowClear options={(options?.genres ?? []).map((g) => ({ value: g, label: g }))} />
      </Form.Item>
      <Form.Item name="validity" label={t('documents.field.validity')}>
        <Select disabled={readOnly} options={(['valid', 'expired', 'repealed'] as const).map((v) => ({ value: v, label: t(`documents.validity.${v}`) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a: MetadataValues, b: MetadataValues) => a.validity !== b.validity}>
        {({ getFieldValue }) => getFieldValue('validity') !== 'valid' && (
          <Form.Item name="validityDate" label={t('documents.field.validityDate')} dependencies={['validity']}
            rules={[{ required: true, message: t('common.required', { field: t('documents.field.validityDate') }) }]}>
            <DatePicker disabled={readOnly} style={{ width: '100%' }} />
          </Form.Item>
        )}
      </Form.Item>
      <Form.Item name="keywords" label={t('documents.field.keywords')}>
        <Input disabled={readOnly} maxLength={500} />
      </Form.Item>
      <Form.Item name="summary" label={t('documents.field.summary')}>
        <Input.TextArea disabled={readOnly} maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item name="source" label={t('documents.field.source')}>
        <Input disabled={readOnly} maxLength={200} />
      </Form.Item>
      {canCorrect && (
        <Form.Item name="correctionNote" label={t('documents.field.correctionNote')} extra={t('documents.field.correctionHelp')}>
          <Input.TextArea disabled={readOnly} maxLength={1000} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      )}
    </>
  );
}
