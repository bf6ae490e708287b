import { defineErrors } from '../http/error-registry.js';

export const JobErrors = defineErrors({
  'jobs.not_found': { status: 404, zh: '任务 {id} 不存在', en: 'Job {id} does not exist' },
  'jobs.bad_state': { status: 409, zh: '任务当前状态（{status}）不允许此操作', en: 'This is not possible while the job is {status}' },
  'jobs.bad_cron': { status: 400, zh: '定时表达式“{cron}”无效：需为五段式 cron（分 时 日 月 周）', en: 'Invalid schedule "{cron}": expected a five-field cron expression (minute hour day month weekday)' },
  'jobs.bad_kind': { status: 400, zh: '任务类型“{kind}”无效', en: 'Invalid job kind "{kind}"' },
  'jobs.schedule_not_found': { status: 404, zh: '定时计划“{name}”不存在', en: 'Schedule "{name}" does not exist' },
});
