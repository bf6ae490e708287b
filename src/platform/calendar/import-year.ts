import { inTransaction, type Db } from '../../db/index.js';
import type { AuditLog } from '../contracts.js';
import { AppError } from '../http/error-registry.js';
import '../http/errors.js';
import { hasPermission, type Actor } from '../identity/actor.js';
import { findCalendarYear, lockCalendarYear, replaceCalendarYear } from './calendar-repo.js';
import type { ImportYearInput } from './import-input.js';
import { validateImport } from './validate-import.js';

export interface ImportYearResult {
  readonly year: number;
  readonly source: string;
  readonly holidays: number;
  readonly workdays: number;
  readonly importedAt: number;
  /** Source of the data this import replaced, null for a year that had none. */
  readonly replaced: string | null;
}

/**
 * Replaces one year's holidays and make-up working days: validate, authorize, apply, audit,
 * in one transaction. The caller drops its cached copy of the year afterwards.
 */
export async function importYear(deps: {
  readonly db: Db;
  readonly actor: Actor;
  readonly input: ImportYearInput;
  readonly audit: AuditLog;
  readonly now: number;
}): Promise<ImportYearResult> {
  const { actor, audit, now } = deps;
  const valid = validateImport(deps.input);
  if (!hasPermission(actor, 'calendar.manage')) throw new AppError('auth.forbidden');
  const holidays = valid.days.filter((d) => d.kind === 'holiday').length;
  const workdays = valid.days.length - holidays;
  return inTransaction(deps.db, async (trx) => {
    await lockCalendarYear(trx, valid.year);
    const previous = await findCalendarYear(trx, valid.year);
    await replaceCalendarYear(trx, { year: valid.year, source: valid.source, importedAt: now, importedBy: actor.userId }, valid.days);
    await audit.append(trx, actor, {
      action: 'calendar.import', result: 'success', targetType: 'calendar_year', targetId: valid.year,
      detail: { year: valid.year, source: valid.source, holidays, workdays, replaced: previous?.source ?? null },
    });
    return { year: valid.year, source: valid.source, holidays, workdays, importedAt: now, replaced: previous?.source ?? null };
  });
}
