import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DatabaseHandle } from '../db/index.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { AuditLog } from '../platform/contracts.js';
import { AppError, formatMessage, lookupError } from '../platform/http/error-registry.js';
import { systemActor, type Actor } from '../platform/identity/actor.js';
import { createCalendarService } from '../platform/calendar/index.js';

export interface CalendarCommandDeps {
  /**
   * The platform's audit service (`platform.audit`): the import is audited like one made on
   * the admin screen. Required because building one needs the key material and settings,
   * which a DatabaseHandle does not carry.
   */
  readonly audit: AuditLog;
  readonly clock?: Clock;
  /** Default: the system actor `cli`. */
  readonly actor?: Actor;
}

export const CALENDAR_IMPORT_HELP = `用法：jiyue calendar import FILE

导入一年的法定节假日和调休上班日，替换该年已有的数据。FILE 为 UTF-8 编码的
JSON 文件 { "year": 2027, "days": [{ "date": "2027-01-01", "kind": "holiday", "name": "元旦" }] }
或 CSV 文件（每行：日期,类型,名称；类型为 holiday/放假 或 workday/上班）。
只登记例外：周一至周五的放假日和周六、周日的调休上班日。详见 docs/calendar.md。

Usage: jiyue calendar import FILE — import one year of holidays and make-up working days
(JSON or CSV, see docs/calendar.md). Exit codes: 0 imported, 1 data refused, 2 file unreadable.
`;

/**
 * `jiyue calendar import FILE`. Returns the exit code: 0 imported, 1 the data was refused
 * (every problem is printed with its line or field), 2 the file could not be read.
 */
export async function calendarImportCommand(dbh: DatabaseHandle, file: string, out: (line: string) => void,
  deps: CalendarCommandDeps): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    out(`无法读取文件 ${file}：${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const calendar = createCalendarService({ db: dbh.db, clock: deps.clock ?? systemClock, audit: deps.audit });
  try {
    const parsed = calendar.parseImportFile(text);
    const source = parsed.source ?? `import:${path.basename(file)}`;
    const result = await calendar.importYear(dbh.db, deps.actor ?? systemActor('cli'), { year: parsed.year, days: parsed.days, source });
    out(`已导入 ${result.year} 年节假日数据：放假 ${result.holidays} 天，调休上班 ${result.workdays} 天（来源 ${result.source}）`
      + (result.replaced ? `，替换了原有数据（来源 ${result.replaced}）` : ''));
    out(`Imported ${result.year}: ${result.holidays} weekday holidays, ${result.workdays} make-up working days (source ${result.source}).`);
    const status = await calendar.status([result.year]);
    if (status.warning) out(`注意：${status.warning}`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const def = lookupError(err.code);
    out(`导入失败：${def ? formatMessage(def.zh, err.params) : err.code}`);
    for (const e of err.fieldErrors) out(`  - ${e.message}`);
    return 1;
  }
}
