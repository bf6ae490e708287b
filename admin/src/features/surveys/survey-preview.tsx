import { Checkbox, Flex, Input, Radio, Typography } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { QuestionInput } from './surveys-api';

/** The questions roughly as a visitor sees them (the site's theme draws the real form). */
export function SurveyPreview({ title, description, questions }: { title: string; description: string; questions: readonly QuestionInput[] }) {
  const { t } = useI18n();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={2} style={{ fontSize: 20, margin: 0 }}>{title}</Typography.Title>
      {description && <Typography.Paragraph>{description}</Typography.Paragraph>}
      {questions.map((q, i) => (
        <fieldset key={i} style={{ border: '1px solid #ddd', padding: 12 }}>
          <legend>{i + 1}. {q.title}{q.required ? ' *' : ''} （{t(`surveys.builder.kind.${q.kind}`)}）</legend>
          {q.kind === 'single' && <Radio.Group options={(q.options ?? []).map((o, k) => ({ value: k, label: o }))} />}
          {q.kind === 'multiple' && <Checkbox.Group options={(q.options ?? []).map((o, k) => ({ value: k, label: o }))} />}
          {q.kind === 'text' && <Input.TextArea aria-label={q.title} rows={3} maxLength={q.maxLength} />}
          {q.kind === 'rating' && <Radio.Group options={Array.from({ length: q.scale ?? 5 }, (_, k) => ({ value: k + 1, label: String(k + 1) }))} />}
          {q.kind === 'matrix' && (
            <table>
              <thead><tr><th />{(q.columns ?? []).map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
              <tbody>{(q.rows ?? []).map((r) => (
                <tr key={r}><th scope="row">{r}</th>{(q.columns ?? []).map((c) => <td key={c}><input type="radio" name={`${i}-${r}`} aria-label={`${r}：${c}`} /></td>)}</tr>
              ))}</tbody>
            </table>
          )}
        </fieldset>
      ))}
    </Flex>
  );
}
