import { defineErrors } from '../http/error-registry.js';

/** Error codes of the audit module. */
export const AuditErrors = defineErrors({
  'audit.retention_too_short': {
    status: 400,
    zh: '审计日志至少保留 {days} 天：《中华人民共和国网络安全法》第二十一条要求网络日志留存不少于六个月（180 天），不能删除更近的记录',
    en: 'Audit events must be kept for at least {days} days: the Cybersecurity Law (art. 21) requires at least six months (180 days), so younger events cannot be deleted',
  },
  'audit.invalid_entry': {
    status: 500,
    zh: '审计记录无效：{reason}',
    en: 'Invalid audit entry: {reason}',
  },
  'audit.prune_forbidden': {
    status: 403,
    zh: '只有系统保留任务可以清理过期审计日志，任何人都不能删除审计记录',
    en: 'Only the system retention job may prune expired audit events; nobody can delete audit records',
  },
  'audit.chain_broken': {
    status: 409,
    zh: '审计日志校验未通过（第 {seq} 条，{reason}），为保留证据已停止清理，请先调查',
    en: 'The audit log failed verification (seq {seq}, {reason}); pruning stopped to preserve the evidence, investigate first',
  },
});
