import type { FormInstance } from 'antd';
import { isApiError } from '../../app/api-client';

/**
 * The server names fields as `code`, `contact.email` or `aliases.2`; the site forms use
 * the same names (`contact` is a nested group, `aliases` one tag input). Puts each message on
 * its field; returns true if any matched.
 */
export function applySiteFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!isApiError(error) || error.fieldErrors.length === 0) return false;
  const byName = new Map<string, { name: string[]; errors: string[] }>();
  for (const e of error.fieldErrors) {
    const parts = e.field.replace(/^body[./]/, '').split(/[./]/).filter(Boolean);
    const name = parts[0] === 'aliases' ? ['aliases'] : parts;
    const key = name.join('.');
    if (!fields.includes(key)) continue;
    const entry = byName.get(key) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byName.set(key, entry);
  }
  form.setFields([...byName.values()].map(({ name, errors }) => ({ name, errors })));
  return byName.size > 0;
}
