/**
 * One registry of error codes. Each module declares its codes with `defineErrors` in its
 * own errors.ts; a code maps to an HTTP status and a message in Chinese and English.
 * Messages may contain `{name}` placeholders filled from `AppError.params`.
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

export interface FieldError {
  readonly field: string;
  readonly code: string;
  readonly message: string;
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

export function formatMessage(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
