import { Button, Card, Checkbox, Flex, Input, InputNumber, Select, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n/i18n-context';
import type { Question, QuestionInput, QuestionKind } from './surveys-api';

/** A question while it is edited: lists as text, one entry per line. */
export interface DraftQuestion {
  readonly key: string;
  kind: QuestionKind;
  title: string;
  required: boolean;
  options: string;
  minChoices: number;
  maxChoices: number | null;
  maxLength: number;
  scale: 5 | 10;
  rows: string;
  columns: string;
}

let counter = 0;
const lines = (text: string) => text.split('\n').map((x) => x.trim()).filter((x) => x !== '');

export function newDraft(kind: QuestionKind): DraftQuestion {
  return { key: `q${counter++}`, kind, title: '', required: false, options: '', minChoices: 0, maxChoices: null, maxLength: 500, scale: 5, rows: '', columns: '' };
}

export function draftOf(q: Question): DraftQuestion {
  return {
    key: `q${counter++}`, kind: q.kind, title: q.title, required: q.required, options: q.options.join('\n'), minChoices: q.minChoices,
    maxChoices: q.kind === 'multiple' ? q.maxChoices : null, maxLength: q.maxLength || 500, scale: q.scale === 10 ? 10 : 5, rows: q.rows.join('\n'), columns: q.columns.join('\n'),
  };
}

/** Only what the kind uses: the server refuses fields a kind does not take. */
export function inputOf(d: DraftQuestion): QuestionInput {
  const base = { kind: d.kind, title: d.title, required: d.required };
  switch (d.kind) {
    case 'single': return { ...base, options: lines(d.options) };
    case 'multiple': return { ...base, options: lines(d.options), minChoices: d.minChoices, ...(d.maxChoices !== null ? { maxChoices: d.maxChoices } : {}) };
    case 'text': return { ...base, maxLength: d.maxLength };
    case 'rating': return { ...base, scale: d.scale };
    case 'matrix': return { ...base, rows: lines(d.rows), columns: lines(d.columns) };
  }
}

interface Props {
  readonly draft: DraftQuestion;
  readonly n: number;
  readonly count: number;
  readonly locked: boolean;
  readonly errors: readonly string[];
  readonly onChange: (d: DraftQuestion) => void;
  readonly onMove: (delta: -1 | 1) => void;
  readonly onRemove: () => void;
}

/** One question of the builder: its kind, title, required flag and the settings of its kind. */
export function QuestionEditor({ draft, n, count, locked, errors, onChange, onMove, onRemove }: Props) {
  const { t } = useI18n();
  const set = (patch: Partial<DraftQuestion>) => onChange({ ...draft, ...patch });
  const id = `sq-${draft.key}`;
  const list = (field: 'options' | 'rows' | 'columns', label: string) => (
    <label style={{ display: 'block', flex: 1, minWidth: 220 }}>
      <Typography.Text>{label}</Typography.Text>
      <Input.TextArea aria-label={`${t('surveys.builder.questionTitle', { n })} ${label}`} rows={4} value={draft[field]} disabled={locked} onChange={(e) => set({ [field]: e.target.value })} />
    </label>
  );
  return (
    <Card
      size="small"
      title={<Flex gap={8} align="center"><span>{n}.</span><Select aria-label={t('surveys.builder.kind', { n })} value={draft.kind} disabled={locked} style={{ width: 120 }}
        onChange={(kind: QuestionKind) => set({ kind })}
        options={(['single', 'multiple', 'text', 'rating', 'matrix'] as const).map((k) => ({ value: k, label: t(`surveys.builder.kind.${k}`) }))} /></Flex>}
      extra={!locked && (
        <Flex gap={4}>
          <Button size="small" icon={<ArrowUpOutlined aria-hidden />} aria-label={`${t('surveys.builder.moveUp')} ${n}`} disabled={n === 1} onClick={() => onMove(-1)} />
          <Button size="small" icon={<ArrowDownOutlined aria-hidden />} aria-label={`${t('surveys.builder.moveDown')} ${n}`} disabled={n === count} onClick={() => onMove(1)} />
          <Button size="small" danger icon={<DeleteOutlined aria-hidden />} aria-label={`${t('surveys.builder.remove')} ${n}`} onClick={onRemove} />
        </Flex>
      )}
    >
      <Flex vertical gap={8}>
        <Flex gap={12} align="center">
          <Input id={id} aria-label={t('surveys.builder.questionTitle', { n })} placeholder={t('surveys.builder.questionTitle', { n })} value={draft.title} disabled={locked} maxLength={500} onChange={(e) => set({ title: e.target.value })} />
          <Checkbox style={{ whiteSpace: 'nowrap' }} checked={draft.required} disabled={locked} onChange={(e) => set({ required: e.target.checked })}>{t('surveys.builder.required')}</Checkbox>
        </Flex>
        {(draft.kind === 'single' || draft.kind === 'multiple') && list('options', t('surveys.builder.options'))}
        {draft.kind === 'multiple' && (
          <Flex gap={12} align="center">
            <span>{t('surveys.builder.minChoices')}</span>
            <InputNumber aria-label={t('surveys.builder.minChoices')} min={0} max={30} value={draft.minChoices} disabled={locked} onChange={(v) => set({ minChoices: v ?? 0 })} />
            <span>{t('surveys.builder.maxChoices')}</span>
            <InputNumber aria-label={t('surveys.builder.maxChoices')} min={1} max={30} value={draft.maxChoices} disabled={locked} onChange={(v) => set({ maxChoices: v })} />
          </Flex>
        )}
        {draft.kind === 'text' && (
          <Flex gap={12} align="center">
            <span>{t('surveys.builder.maxLength')}</span>
            <InputNumber aria-label={t('surveys.builder.maxLength')} min={1} max={5000} value={draft.maxLength} disabled={locked} onChange={(v) => set({ maxLength: v ?? 500 })} />
          </Flex>
        )}
        {draft.kind === 'rating' && (
          <Select aria-label={t('surveys.builder.scale')} value={draft.scale} disabled={locked} style={{ width: 160 }} onChange={(scale: 5 | 10) => set({ scale })}
            options={[{ value: 5, label: t('surveys.builder.scale5') }, { value: 10, label: t('surveys.builder.scale10') }]} />
        )}
        {draft.kind === 'matrix' && (
          <Flex gap={12} wrap>
            {list('rows', t('surveys.builder.rows'))}
            {list('columns', t('surveys.builder.columns'))}
          </Flex>
        )}
        {errors.map((e) => <Typography.Text key={e} type="danger" role="alert">{e}</Typography.Text>)}
      </Flex>
    </Card>
  );
}
