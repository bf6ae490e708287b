import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { isApiError } from './api-client';
import { useI18n } from './i18n/i18n-context';

/** Field paths may arrive as `username`, `/username` or `body.username`: keep the last part. */
export function fieldName(path: string): string {
  const parts = path.split(/[/.]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** Puts the server's field errors on the matching form fields; true if any matched. */
export function applyFieldErrors(form: FormInstance, error: unknown): boolean {
  if (!isApiError(error) || error.fieldErrors.length === 0) return false;
  const known = new Set(Object.keys(form.getFieldsValue() as Record<string, unknown>));
  const byField = new Map<string, string[]>();
  for (const e of error.fieldErrors) {
    const name = fieldName(e.field);
    if (!known.has(name)) continue;
    byField.set(name, [...(byField.get(name) ?? []), e.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}

export function problemText(error: unknown, fallback: string): string {
  if (isApiError(error)) return error.detail;
  return error instanceof Error && error.message ? error.message : fallback;
}

/** Shows a failed request: field errors on the form, the server's `detail` as a message. */
export function useShowProblem(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (form) applyFieldErrors(form, error);
      void message.error(problemText(error, t('common.error')));
    },
    [message, t],
  );
}
