import type { Locale } from '../i18n/locale.js';

/**
 * One registry of error codes. Each module declares its codes with `defineErrors` in its
 * own errors.ts; a code maps to an HTTP status and a message in Chinese and English.
 * Messages may contain `{name}` placeholders filled from `AppError.params`. A parameter whose
 * value is Chinese text gets an English counterpart `nameEn` in the same params, which the
 * English template names as `{nameEn}` (formatMessage falls back to `name` when it is absent).
 */
export interface ErrorDef {
  readonly status: number;
  readonly zh: string;
  readonly en: string;
}

const registry = new Map<string, ErrorDef>();

export function defineErrors<const T extends Record<string, ErrorDef>>(defs: T): { readonly [K in keyof T]: K } {
  const codes: Record<string, string> = {};
  for (const [code, def] of Object.entries(defs)) {
    const existing = registry.get(code);
    if (existing && (existing.zh !== def.zh || existing.status !== def.status)) {
      throw new Error(`Error code ${code} is defined twice with different meanings`);
    }
    registry.set(code, def);
    codes[code] = code;
  }
  return codes as { readonly [K in keyof T]: K };
}

export function lookupError(code: string): ErrorDef | undefined {
  return registry.get(code);
}

export function allErrorCodes(): ReadonlyMap<string, ErrorDef> {
  return registry;
}

/**
 * One field's problem. `message` is Chinese (the primary language); `messageEn` is its English
 * wording, which problemFor sends instead to an English client. `messageEn` is internal: it never
 * leaves as a property of its own. Build these with fieldError / registeredFieldError.
 */
export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly messageEn?: string;
}

type Params = Readonly<Record<string, string | number>>;

/** A field error worded in both languages. */
export function fieldError(field: string, code: string, zh: string, en: string): FieldError {
  return { field, code, message: zh, messageEn: en };
}

/** A field error worded by a registered code's own templates (Chinese and English) filled from `params`. */
export function registeredFieldError(field: string, code: string, params: Params = {}): FieldError {
  const def = registry.get(code);
  if (!def) throw new Error(`Unregistered error code ${code}`);
  return { field, code, message: formatMessage(def.zh, params), messageEn: formatMessage(def.en, params) };
}

/** The English wording of a field error (its Chinese one when no English was given). */
export function englishMessage(error: FieldError): string {
  return error.messageEn ?? error.message;
}

/** A field error as it leaves in a problem: one message, in the request's language. */
export type SentFieldError = Omit<FieldError, 'messageEn'>;

/** Field errors as sent in a problem: `{ field, code, message }`, the message in `locale`. */
export function localizeFieldErrors(errors: readonly FieldError[], locale: Locale): SentFieldError[] {
  return errors.map((e) => ({ field: e.field, code: e.code, message: locale === 'en' ? englishMessage(e) : e.message }));
}

/** A failure that users may see: a registered code, parameters for its message, optional field errors. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly params: Readonly<Record<string, string | number>> = {},
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(code);
    this.name = 'AppError';
    if (!registry.has(code)) throw new Error(`Unregistered error code ${code}`);
  }

  get status(): number {
    return registry.get(this.code)?.status ?? 500;
  }
}

/**
 * Fills `{name}` placeholders. `{nameEn}` (an English template's counterpart of a Chinese
 * parameter) takes `name` when the caller gave no English, rather than showing the placeholder.
 */
export function formatMessage(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (Object.hasOwn(params, k)) return String(params[k]);
    const base = k.endsWith('En') ? k.slice(0, -2) : '';
    return base !== '' && Object.hasOwn(params, base) ? String(params[base]) : m;
  });
}
