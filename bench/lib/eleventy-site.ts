/**
 * The same pages built by Eleventy (@11ty/eleventy) from the same Liquid templates and the same
 * data, for the rebuild comparison of bench/publishing.bench.ts:
 *
 * - `RenderCapture` wraps Jiyue's Liquid engine: it times every `renderFileSync` (the render phase)
 *   and, while exporting, writes each call's template name and data object — exactly the
 *   variables the theme template receives — to a JSON data file of the Eleventy project, with
 *   the page's output path (from the page's canonical address).
 * - The Eleventy project: `_data/p_<template>/<n>.json`, one paginated page template per theme
 *   template (`{% render '<template>', <each variable>: d.data.<variable> %}`: the theme's own
 *   template with its own `{% layout 'layout' %}`), and `themes/default` itself as the includes
 *   folder. `page` is one of Jiyue's template variables and also Eleventy's reserved page data,
 *   which is why the variables go through `render` instead of the data cascade.
 * - Eleventy's LiquidJS gets the options of Jiyue's theme engine (strict variables and filters,
 *   own properties only, escaped output, no relative references, same limits).
 * - The build runs in a child process (bench/lib/eleventy-child.mjs) per round.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Liquid } from 'liquidjs';

/** Options of src/modules/publishing/theme/theme-engine.ts that change what or how a template renders. */
export const THEME_LIQUID_OPTIONS = {
  extname: '.liquid', relativeReference: false, jekyllInclude: false,
  strictFilters: true, strictVariables: true, ownPropertyOnly: true, outputEscape: 'escape',
  cache: true, greedy: false, parseLimit: 1_000_000, renderLimit: 5_000, memoryLimit: 64 * 1024 * 1024,
} as const;

/** Fails when Jiyue's engine no longer uses the options given to Eleventy (the comparison would be unfair). */
export function assertSameLiquidOptions(engine: Liquid): void {
  const o = engine.options as unknown as Record<string, unknown>;
  for (const key of ['relativeReference', 'jekyllInclude', 'strictFilters', 'strictVariables', 'ownPropertyOnly', 'cache', 'greedy', 'parseLimit', 'renderLimit', 'memoryLimit'] as const) {
    const want = THEME_LIQUID_OPTIONS[key];
    const have = key === 'cache' ? Boolean(o[key]) : o[key];
    if (have !== want) throw new Error(`theme engine option ${key} is ${String(have)}, the Eleventy build uses ${String(want)}: update THEME_LIQUID_OPTIONS`);
  }
  if (typeof o.outputEscape !== 'function') throw new Error('theme engine no longer escapes output: update THEME_LIQUID_OPTIONS');
}

/** Page path served for a theme render: its canonical address, or /404.html for the not-found page. */
function outputPathOf(template: string, data: Record<string, unknown>): string {
  const canonical = (data.page as { canonical?: unknown } | undefined)?.canonical;
  if (typeof canonical === 'string' && canonical !== '') {
    const p = decodeURI(new URL(canonical).pathname);
    return p.endsWith('/') ? `${p}index.html` : p;
  }
  if (template === 'not-found') return '/404.html';
  throw new Error(`no output path for a ${template} render`);
}

const dataKey = (template: string) => `p_${template.replace(/[^a-z0-9]/g, '_')}`;

export class RenderCapture {
  renders = 0;
  renderMs = 0;
  /** While set, every render is written into this Eleventy project. */
  private exportTo: { dataDir: string; n: number } | null = null;
  readonly paths = new Set<string>();
  /** Variable names each template receives (the same on every call, checked). */
  readonly variables = new Map<string, string[]>();
  readonly pagesByTemplate = new Map<string, number>();
  private readonly wrapped = new WeakMap<Liquid, Liquid>();

  /** The engine with renderFileSync (what the theme engine calls) timed and captured while exporting; everything else untouched. */
  wrap(engine: Liquid): Liquid {
    let w = this.wrapped.get(engine);
    if (!w) {
      const renderFileSync = (file: string, data: object) => {
        const start = process.hrtime.bigint();
        const html = engine.renderFileSync(file, data) as string;
        this.renderMs += Number(process.hrtime.bigint() - start) / 1e6;
        this.renders++;
        if (this.exportTo) this.record(file, data as Record<string, unknown>);
        return html;
      };
      w = new Proxy(engine, {
        get(target, key) {
          if (key === 'renderFileSync') return renderFileSync;
          const v: unknown = Reflect.get(target, key, target);
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
      this.wrapped.set(engine, w);
    }
    return w;
  }

  startExport(projectDir: string): void {
    this.exportTo = { dataDir: path.join(projectDir, 'src', '_data'), n: 0 };
    this.paths.clear();
    this.variables.clear();
    this.pagesByTemplate.clear();
  }

  stopExport(): void {
    this.exportTo = null;
  }

  resetTimes(): void {
    this.renders = 0;
    this.renderMs = 0;
  }

  private record(template: string, data: Record<string, unknown>): void {
    const target = this.exportTo!;
    const out = outputPathOf(template, data);
    if (this.paths.has(out)) throw new Error(`two renders for ${out}`);
    this.paths.add(out);
    this.pagesByTemplate.set(template, (this.pagesByTemplate.get(template) ?? 0) + 1);
    const keys = Object.keys(data).sort();
    const known = this.variables.get(template);
    if (!known) this.variables.set(template, keys);
    else if (known.join() !== keys.join()) throw new Error(`${template} renders with different variables: ${known.join()} / ${keys.join()}`);
    const dir = path.join(target.dataDir, dataKey(template));
    if (!known) fs.mkdirSync(dir, { recursive: true });
    // Not a bare number: Eleventy would file `_data/p_x/7.json` under index 7 of an array.
    fs.writeFileSync(path.join(dir, `page${target.n++}.json`), JSON.stringify({ out, data }));
  }
}

/** The paginated page templates of the Eleventy project, one per theme template the capture saw. */
export function writeEleventyTemplates(projectDir: string, capture: RenderCapture): void {
  for (const [template, keys] of capture.variables) {
    const args = keys.map((k) => `${k}: d.data.${k}`).join(', ');
    // JavaScript front matter: a Liquid permalink would be rendered once before pagination too,
    // where strictVariables refuses the missing alias.
    fs.writeFileSync(path.join(projectDir, 'src', `build-${template}.liquid`), [
      '---js',
      '{',
      `  pagination: { data: "${dataKey(template)}", size: 1, alias: "d", resolve: "values" },`,
      '  permalink: (data) => (data.d ? data.d.out : false),',
      '  eleventyExcludeFromCollections: true,',
      '}',
      '---',
      // No trailing newline: the page is exactly what the theme template renders.
      `{% render '${template}', ${args} %}`,
    ].join('\n'));
  }
}

export interface EleventyRun {
  readonly ms: number;
  /** User + system CPU time of the build process over the same span. */
  readonly cpuMs: number;
  readonly files: number | null;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * One Eleventy build of the project into `outDir`, in a child process. The folder is not emptied
 * between builds: like Jiyue's rebuild, a later build overwrites the files of the one before.
 */
export async function runEleventy(projectDir: string, outDir: string, themeDir: string): Promise<EleventyRun> {
  const entry = createRequire(import.meta.url).resolve('@11ty/eleventy').replace(/EleventyCommonJs\.cjs$/, 'Eleventy.js');
  const input = path.join(projectDir, 'src');
  const includes = path.relative(input, themeDir);
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, [path.join(here, 'eleventy-child.mjs'), entry, input, outDir, includes, JSON.stringify(THEME_LIQUID_OPTIONS)],
      { cwd: projectDir, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_OPTIONS: '' } },
      (err, out, errOut) => (err ? reject(new Error(`eleventy build failed: ${err.message}\n${errOut}`)) : resolve(out)));
  });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as EleventyRun;
}

/** How many of the captured pages Eleventy wrote byte for byte as Jiyue did (Jiyue's files under `jiyueRoot`). */
export function compareOutputs(capture: RenderCapture, eleventyOut: string, jiyueRoot: string): { same: number; differ: string[] } {
  let same = 0;
  const differ: string[] = [];
  for (const p of capture.paths) {
    const a = fs.readFileSync(path.join(eleventyOut, p));
    let b: Buffer | null = null;
    try { b = fs.readFileSync(path.join(jiyueRoot, p)); } catch { /* missing counts as different */ }
    if (b && a.equals(b)) same++; else differ.push(p);
  }
  return { same, differ };
}
