import { AppError, registeredFieldError, type FieldError } from '../../platform/http/error-registry.js';
import type { SitesErrors } from './errors.js';

export type SitesErrorCode = keyof typeof SitesErrors;
type Params = Readonly<Record<string, string | number>>;

interface Issue {
  readonly code: SitesErrorCode;
  readonly field: string;
  readonly params: Params;
}

/**
 * Collects every rule a site change breaks, so the console can mark all offending fields at
 * once. The problem's own code and status are those of the first issue found. Each field error
 * is worded by its code's templates in both languages; a parameter holding Chinese text comes
 * with its English counterpart `<name>En` (see formatMessage).
 */
export class SiteIssues {
  private readonly issues: Issue[] = [];

  add(code: SitesErrorCode, field: string, params: Params = {}): void {
    this.issues.push({ code, field, params });
  }

  has(field: string): boolean {
    return this.issues.some((i) => i.field === field);
  }

  throwIfAny(): void {
    const first = this.issues[0];
    if (!first) return;
    const fieldErrors: FieldError[] = this.issues.map((i) => registeredFieldError(i.field, i.code, i.params));
    throw new AppError(first.code, first.params, fieldErrors);
  }
}
