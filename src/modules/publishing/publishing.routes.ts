import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Platform } from '../../platform/platform.js';
import { access } from '../../platform/identity/permissions.js';
import { Id, IdParams, Obj, SiteCode, VisibleText } from '../../platform/http/schema.js';
import { readThemeSettings, rebuildJobStatus, requestRebuild, updateThemeSettings, type OpsDeps } from './operations.js';
import { PALETTES } from './theme-settings.repo.js';
import { PREVIEW_ASSET, renderPreview } from './preview.js';
import { listTemplates, readTemplate, renderSample, revertTemplate, SAMPLE_PAGES, saveTemplate } from './theme-editor.js';
import { publishingDeps } from './publishing-deps.js';
import { DEFAULT_THEME_DIR } from './theme/theme-engine.js';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../platform/http/error-registry.js';
import { PublishingErrors } from './errors.js';

const tags = ['publishing'];

/** Full rebuilds with progress, and per-site theme settings. */
export async function publishingRoutes(fastify: FastifyInstance, { platform }: { platform: Platform }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const db = platform.db;
  const deps: OpsDeps = { audit: platform.audit, jobs: platform.jobs, now: () => platform.clock.now() };
  const manage = { access: access.permission('publishing.manage') };

  app.post('/api/v1/publishing/rebuild', {
    config: manage,
    schema: { tags, summary: '重新生成网站页面（全部或一个网站） / Rebuild the pages of one site or all', body: Obj({ siteCode: Type.Optional(SiteCode) }) },
  }, async (req, reply) => reply.code(202).send(await requestRebuild({ db, actor: req.actor, siteCode: req.body.siteCode, deps })));

  app.get('/api/v1/publishing/jobs/:id', {
    config: manage, schema: { tags, summary: '重新生成任务的进度 / Progress of a rebuild', params: IdParams },
  }, async (req) => rebuildJobStatus({ db, jobId: req.params.id }));

  // Preview: staff only, never cached, with the public pages' CSP.
  app.get('/api/v1/documents/:id/rendered', {
    config: { access: access.permission('documents.read') },
    schema: { tags, summary: '按网站样式预览未发布版本 / Preview an edition exactly as it will render', params: IdParams, querystring: Obj({ edition: Type.Optional(Id) }) },
  }, async (req, reply) => {
    const html = await renderPreview(publishingDeps(platform), req.actor, req.params.id, req.query.edition);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store').header('x-robots-tag', 'noindex')
      .header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; media-src 'self' https:; object-src 'none'; base-uri 'self'; form-action 'none'; frame-ancestors 'self'")
      .send(html);
  });

  app.get('/api/v1/preview-assets/:name', {
    config: { access: access.public }, schema: { tags, summary: '预览用主题样式 / Theme assets for previews', params: Obj({ name: Type.String({ maxLength: 40 }) }) },
  }, async (req, reply) => {
    if (!PREVIEW_ASSET.test(req.params.name)) throw new AppError(PublishingErrors['publishing.asset_not_found']);
    const types: Record<string, string> = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', svg: 'image/svg+xml' };
    return reply.type(types[req.params.name.split('.').pop() ?? ''] ?? 'application/octet-stream').header('cache-control', 'public, max-age=300')
      .send(fs.readFileSync(path.join(DEFAULT_THEME_DIR, 'assets', req.params.name)));
  });

  // Theme templates (template developer): list, read with revisions, preview a sample page, save, revert.
  const themes = { access: access.permission('themes.edit') };
  const editor = { publishing: publishingDeps(platform), audit: platform.audit, jobs: platform.jobs };
  const TemplateName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9-]+(/[a-z0-9-]+)?$' });
  const Source = Type.String({ maxLength: 200_000 });
  app.get('/api/v1/theme/templates', { config: themes, schema: { tags, summary: '主题模板列表 / Theme templates' } },
    async () => ({ items: await listTemplates(db) }));
  app.get('/api/v1/theme/template', { config: themes, schema: { tags, summary: '模板内容与修订 / A template with its revisions', querystring: Obj({ name: TemplateName }) } },
    async (req) => readTemplate(db, req.query.name));
  app.post('/api/v1/theme/preview', {
    config: themes,
    schema: { tags, summary: '用修改后的模板预览示例页面 / Preview a sample page with an edited template', body: Obj({ name: TemplateName, source: Source, page: Type.Union(SAMPLE_PAGES.map((p) => Type.Literal(p))), siteCode: Type.Optional(SiteCode) }) },
  }, async (req, reply) => {
    const html = await renderSample(publishingDeps(platform), req.body);
    // Shown in a sandboxed frame without scripts: the page's own script tags are dropped (the theme works without them).
    const preview = html.replace(/<script\b[^>]*><\/script>\n?/g, '').replaceAll('href="/assets/', 'href="/api/v1/preview-assets/').replaceAll('src="/assets/', 'src="/api/v1/preview-assets/');
    return reply.header('cache-control', 'private, no-store').send({ html: preview });
  });
  app.put('/api/v1/theme/template', {
    config: themes,
    schema: { tags, summary: '保存模板（先验证全部示例页面）并重新发布 / Save a template (all sample pages must render) and rebuild', body: Obj({ name: TemplateName, source: Source, note: VisibleText(500) }) },
  }, async (req) => saveTemplate({ deps: editor, actor: req.actor, name: req.body.name, source: req.body.source, note: req.body.note }));
  app.post('/api/v1/theme/template/revert', {
    config: themes,
    schema: { tags, summary: '恢复为主题自带的模板 / Revert to the shipped template', body: Obj({ name: TemplateName, note: VisibleText(500) }) },
  }, async (req) => revertTemplate({ deps: editor, actor: req.actor, name: req.body.name, note: req.body.note }));

  app.get('/api/v1/sites/:id/theme', {
    config: { access: access.permission('sites.read') }, schema: { tags, summary: '网站外观设置 / Theme settings of a site', params: IdParams },
  }, async (req) => readThemeSettings({ db, actor: req.actor, siteId: req.params.id }));

  app.put('/api/v1/sites/:id/theme', {
    config: { access: access.permission('sites.settings') },
    schema: {
      tags, summary: '修改网站外观设置并重新发布 / Change theme settings and republish the site', params: IdParams,
      body: Obj({
        palette: Type.Union(PALETTES.map((p) => Type.Literal(p))),
        navColumns: Type.Array(Id, { maxItems: 20 }),
        homeBlocks: Type.Array(Obj({ columnId: Id, title: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })), count: Type.Integer({ minimum: 1, maximum: 30 }) }), { maxItems: 20 }),
        mourning: Type.Boolean(),
      }),
    },
  }, async (req) => updateThemeSettings({ db, actor: req.actor, siteId: req.params.id, input: req.body, deps }));
}
