import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Liquid } from 'liquidjs';

/** The default theme shipped with Jiyue (templates and assets). */
export const DEFAULT_THEME_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../themes/default');

/** Templates a template developer may edit: the theme's own .liquid files, by relative name (`layout`, `partials/footer`). */
export function themeTemplateNames(themeDir: string = DEFAULT_THEME_DIR): string[] {
  const out: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'assets') walk(path.join(dir, e.name), `${prefix}${e.name}/`);
      else if (e.isFile() && e.name.endsWith('.liquid')) out.push(`${prefix}${e.name.slice(0, -'.liquid'.length)}`);
    }
  };
  walk(themeDir, '');
  return out.sort();
}

/** Edited templates by name, swapped in without touching the theme folder. */
export type TemplateOverrides = ReadonlyMap<string, string>;

/**
 * A sandboxed Liquid engine over one theme folder. Strict filters and variables turn a typo into
 * an error at render time (shown in preview, never published); `ownPropertyOnly` keeps templates
 * away from prototypes (`constructor`, `__proto__`); includes and layouts resolve only inside the
 * theme folder (relative references off, LiquidJS refuses paths that leave its roots); output is
 * HTML-escaped unless a template says `| raw` (only for the sanitized body and highlighted
 * search snippets); limits stop a runaway template. Overrides replace existing templates only —
 * no new file can be introduced, so nothing outside the theme is reachable through them either.
 */
export function createThemeEngine(themeDir: string = DEFAULT_THEME_DIR, overrides: TemplateOverrides = new Map()): Liquid {
  const base = new Liquid().options.fs;
  const nameOf = (file: string) => {
    const rel = path.relative(themeDir, file);
    return rel.endsWith('.liquid') && !rel.startsWith('..') ? rel.slice(0, -'.liquid'.length).split(path.sep).join('/') : null;
  };
  const override = (file: string) => { const n = nameOf(file); return n === null ? undefined : overrides.get(n); };
  return new Liquid({
    root: [themeDir], layouts: [themeDir], partials: [themeDir], extname: '.liquid',
    relativeReference: false, jekyllInclude: false,
    strictFilters: true, strictVariables: true, ownPropertyOnly: true, outputEscape: 'escape',
    cache: true, greedy: false,
    parseLimit: 1_000_000, renderLimit: 5_000, memoryLimit: 64 * 1024 * 1024,
    fs: {
      ...base,
      readFile: async (file: string) => override(file) ?? base.readFile(file),
      readFileSync: (file: string) => override(file) ?? base.readFileSync(file),
    },
  });
}

/**
 * The pages the theme renders (themes/default/<name>.liquid), in the theme editor's order: one
 * list, from which the template type, the editor's sample pages and the interaction pages derive.
 */
export const THEME_PAGES = [
  'home', 'column', 'article', 'gone', 'not-found', 'sitemap', 'search', 'letter-form', 'letter-receipt', 'letter-query',
  'letter-public-list', 'letter-public', 'letter-statistics', 'correction-form', 'correction-receipt', 'correction-query',
  'survey-list', 'survey-form', 'survey-thanks', 'survey-results', 'interview-list', 'interview', 'comments', 'consultations', 'consultation',
] as const;
export type ThemeTemplate = (typeof THEME_PAGES)[number];

/**
 * Renders with LiquidJS's synchronous renderer: the theme uses no asynchronous filter or tag,
 * templates are cached after the first read, and the asynchronous renderer's generator and
 * promise plumbing cost more than the rendering itself (the top of a rebuild's CPU profile).
 * The same limits apply; a template error still rejects the returned promise.
 */
export async function renderTemplate(engine: Liquid, template: ThemeTemplate, data: object): Promise<string> {
  return engine.renderFileSync(template, data) as string;
}
