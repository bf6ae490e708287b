import { defineErrors } from '../http/error-registry.js';

/** Error codes of the working-day calendar. */
export const CalendarErrors = defineErrors({
  'calendar.import_unreadable': {
    status: 400,
    zh: '节假日数据文件无法读取：{reason}',
    en: 'The holiday data file cannot be read: {reasonEn}',
  },
  'calendar.import_invalid': {
    status: 400,
    zh: '节假日数据有 {count} 处错误：{summary}',
    en: 'The holiday data has {count} error(s): {summaryEn}',
  },
  'calendar.import_body': {
    status: 400,
    zh: '请提供 year 和 days，或提供 csv 文本（二者选一）',
    en: 'Send either year and days, or csv text (not both)',
  },
  'calendar.invalid_date': {
    status: 400,
    zh: '日期“{date}”无效，应为 YYYY-MM-DD 格式的真实日期',
    en: 'Invalid date "{date}"; expected a real date in YYYY-MM-DD form',
  },
  'calendar.invalid_count': {
    status: 400,
    zh: '工作日数“{n}”无效，应为不小于 0 的整数',
    en: 'Invalid number of working days "{n}"; expected an integer of at least 0',
  },
  'calendar.invalid_instant': {
    status: 400,
    zh: '时间“{value}”无效',
    en: 'Invalid instant "{value}"',
  },
});
