import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import type { Actor } from '../../../platform/identity/actor.js';
import { announceChecksChanged } from '../check-context.js';
import { isRuleId, type RuleId, type RuleSeverity } from '../check-types.js';
import { ruleRows, upsertRule } from '../checks.repo.js';
import type { ChecksDeps } from '../deps.js';
import { ChecksErrors } from '../errors.js';
import { RULE_CATALOG, type RuleInfo } from '../rule-catalog.js';
import { requireManage, requireRead } from './require-manage.js';

export interface RuleView extends RuleInfo {
  readonly severity: RuleSeverity;
  /** null while the rule runs on its default. */
  readonly updatedAt: number | null;
}

const RULE_SEVERITIES: readonly string[] = ['block', 'warn', 'off'];

async function ruleViews(db: Db): Promise<RuleView[]> {
  const rows = new Map((await ruleRows(db)).map((r) => [r.rule, r]));
  return RULE_CATALOG.map((info) => {
    const row = rows.get(info.rule);
    return { ...info, severity: row?.severity ?? info.defaultSeverity, updatedAt: row?.updatedAt ?? null };
  });
}

export async function listRules({ db, actor }: { db: Db; actor: Actor }): Promise<RuleView[]> {
  requireRead(actor);
  return ruleViews(db);
}

/** Sets the severity of some rules; the others keep theirs. Audited with the before and after values. */
export async function setRuleSeverities({ db, actor, input, deps }: {
  db: Db; actor: Actor; input: Readonly<Record<string, string>>; deps: ChecksDeps;
}): Promise<RuleView[]> {
  const changes: [RuleId, RuleSeverity][] = [];
  for (const [rule, severity] of Object.entries(input)) {
    if (!isRuleId(rule)) throw new AppError(ChecksErrors['checks.rules.unknown'], { rule });
    if (!RULE_SEVERITIES.includes(severity)) throw new AppError(ChecksErrors['checks.rules.bad_severity'], { rule, value: severity });
    changes.push([rule, severity as RuleSeverity]);
  }
  requireManage(actor);
  const views = await inTransaction(db, async (trx) => {
    const before = new Map((await ruleViews(trx)).map((r) => [r.rule, r.severity]));
    const now = deps.clock.now();
    for (const [rule, severity] of changes) await upsertRule(trx, rule, severity, now);
    await deps.audit.append(trx, actor, {
      action: 'checks.rules.update', result: 'success', targetType: 'check_rules',
      detail: { changes: changes.map(([rule, severity]) => ({ rule, from: before.get(rule), to: severity })) },
    });
    return ruleViews(trx);
  });
  await announceChecksChanged(deps.events);
  return views;
}
