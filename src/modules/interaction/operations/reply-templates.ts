import { inTransaction, type Db } from '../../../db/index.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { hasPermissionOnOrg, hasPermissionOnSite, type Actor } from '../../../platform/identity/actor.js';
import { getOrg } from '../../../platform/identity/orgs.repo.js';
import { getSite, requireSiteInScope } from '../../sites/index.js';
import type { InteractionDeps } from '../deps.js';
import { InteractionErrors } from '../errors.js';
import { requireLetter } from '../letter-transitions.js';
import { maskName, personalAad } from '../personal-data.js';
import { deleteReplyTemplateRow, getReplyTemplate, insertReplyTemplate, listSiteReplyTemplates, updateReplyTemplateRow, type ReplyTemplateView } from '../reply-templates.repo.js';
import { requireText } from '../validate-letter.js';

const MANAGE = 'interaction.templates.manage';

/** The placeholders a template may use, filled from the letter (the writer's name masked, as everywhere in the console). */
export const REPLY_PLACEHOLDERS = ['来信人', '来信日期', '受理日期', '信件标题', '承办单位', '答复日期'] as const;

const DAY = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' });

export async function listReplyTemplates({ db, actor, siteId }: { db: Db; actor: Actor; siteId: number }): Promise<ReplyTemplateView[]> {
  const site = await requireSiteInScope(db, actor, MANAGE, siteId);
  return listSiteReplyTemplates(db, site.id);
}

export interface ReplyTemplateInput {
  readonly name?: string | undefined;
  readonly body?: string | undefined;
  readonly sortOrder?: number | undefined;
}

export async function createReplyTemplate({ db, actor, siteId, input, deps }: { db: Db; actor: Actor; siteId: number; input: ReplyTemplateInput; deps: InteractionDeps }): Promise<ReplyTemplateView> {
  const site = await requireSiteInScope(db, actor, MANAGE, siteId);
  const name = requireText(input.name, '模板名称', 'name');
  const body = requireText(input.body, '模板内容', 'body');
  const id = await inTransaction(db, async (trx) => {
    const newId = await insertReplyTemplate(trx, { siteId: site.id, name, body, sortOrder: input.sortOrder ?? 10 }, deps.clock.now());
    await deps.audit.append(trx, actor, { action: 'interaction.reply_template.create', result: 'success', targetType: 'reply_template', targetId: newId, detail: { siteId: site.id, name } });
    return newId;
  });
  return requireTemplate(db, id);
}

async function requireTemplate(db: Db, id: number): Promise<ReplyTemplateView> {
  const t = await getReplyTemplate(db, id);
  if (!t) throw new AppError(InteractionErrors['interaction.reply_template.not_found']);
  return t;
}

async function requireManagedTemplate(db: Db, actor: Actor, id: number): Promise<ReplyTemplateView> {
  const t = await requireTemplate(db, id);
  await requireSiteInScope(db, actor, MANAGE, t.siteId);
  return t;
}

export async function updateReplyTemplate({ db, actor, templateId, input, deps }: { db: Db; actor: Actor; templateId: number; input: ReplyTemplateInput; deps: InteractionDeps }): Promise<ReplyTemplateView> {
  const before = await requireManagedTemplate(db, actor, templateId);
  const name = input.name === undefined ? undefined : requireText(input.name, '模板名称', 'name');
  const body = input.body === undefined ? undefined : requireText(input.body, '模板内容', 'body');
  await inTransaction(db, async (trx) => {
    await updateReplyTemplateRow(trx, templateId, {
      ...(name !== undefined ? { name } : {}), ...(body !== undefined ? { body } : {}),
      ...(input.sortOrder !== undefined ? { sort_order: input.sortOrder } : {}), updated_at: deps.clock.now(),
    });
    await deps.audit.append(trx, actor, {
      action: 'interaction.reply_template.update', result: 'success', targetType: 'reply_template', targetId: templateId,
      detail: { siteId: before.siteId, name: name ?? before.name, bodyChanged: body !== undefined, sortOrder: input.sortOrder },
    });
  });
  return requireTemplate(db, templateId);
}

export async function deleteReplyTemplate({ db, actor, templateId, deps }: { db: Db; actor: Actor; templateId: number; deps: InteractionDeps }): Promise<void> {
  const before = await requireManagedTemplate(db, actor, templateId);
  await inTransaction(db, async (trx) => {
    await deleteReplyTemplateRow(trx, templateId);
    await deps.audit.append(trx, actor, { action: 'interaction.reply_template.delete', result: 'success', targetType: 'reply_template', targetId: templateId, detail: { siteId: before.siteId, name: before.name } });
  });
}

/** Replaces each {{占位符}} it knows; unknown ones stay as typed so the handler sees them. */
export function fillPlaceholders(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(/\{\{\s*([^{}\s]{1,20})\s*\}\}/gu, (whole, key: string) => values[key] ?? whole);
}

/**
 * The templates of a letter's site, filled for that letter, for whoever drafts or reviews its
 * reply: the central handler of the site or the handler of its unit (a unit handler usually has
 * no grant on the site itself, so the site's template list would be refused to them).
 */
export async function letterReplyTemplates({ db, actor, letterId, deps }: { db: Db; actor: Actor; letterId: number; deps: InteractionDeps }): Promise<{ id: number; name: string; text: string }[]> {
  const row = await requireLetter(db, letterId);
  const site = await getSite(db, Number(row.site_id));
  if (!site) throw new AppError(InteractionErrors['interaction.letter.not_found']);
  const unit = row.handling_org_id === null ? undefined : await getOrg(db, Number(row.handling_org_id));
  const allowed = hasPermissionOnSite(actor, 'interaction.letters.handle', { siteId: site.id, orgPath: site.orgPath })
    || (unit !== undefined && hasPermissionOnOrg(actor, 'interaction.letters.handle', unit.path));
  if (!allowed) throw new AppError(InteractionErrors['interaction.letter.out_of_scope']);
  const name = deps.cipher.decrypt(row.name_enc, personalAad(row.query_code, 'name'));
  const values: Record<(typeof REPLY_PLACEHOLDERS)[number], string> = {
    来信人: maskName(name), 来信日期: DAY.format(Number(row.received_at)),
    受理日期: DAY.format(Number(row.accepted_at ?? row.received_at)), 信件标题: row.subject,
    承办单位: unit?.name ?? '', 答复日期: DAY.format(deps.clock.now()),
  };
  return (await listSiteReplyTemplates(db, site.id)).map((t) => ({ id: t.id, name: t.name, text: fillPlaceholders(t.body, values) }));
}
