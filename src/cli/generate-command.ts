import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import { createPlatform } from '../platform/platform.js';
import { writeAccountsFile } from '../demo/seed-demo.js';
import { DatabaseNotEmptyError, defaultLetters, generateProvince, type GenerateOptions } from './generate/generate-province.js';
import { maxSites } from './generate/province.js';
import { printAccounts } from './demo-command.js';
import { progressBar } from './progress.js';

export const GENERATE_USAGE = 'jiyue generate [--sites N] [--documents N] [--letters N] [--years N] [--seed N]';

const DEFAULTS = { sites: 50, documents: 20_000, years: 5, seed: 1 };
const MAX_DOCUMENTS = 20_000_000;

/** A whole number in [min, max], or the reason it is not (Chinese, then English). */
function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number | string {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    return `--${name} 应为 ${min} 到 ${max} 之间的整数，收到“${raw}” / --${name} must be a whole number from ${min} to ${max}, got "${raw}"`;
  }
  return n;
}

/** Parses the options; a string is the usage error to print. */
export function parseGenerateArgs(args: string[]): GenerateOptions | string {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ args, strict: true, options: { sites: { type: 'string' }, documents: { type: 'string' }, letters: { type: 'string' }, years: { type: 'string' }, seed: { type: 'string' } } }));
  } catch (e) {
    return `参数有误 / bad arguments: ${(e as Error).message}`;
  }
  const sites = wholeNumber('sites', values.sites, DEFAULTS.sites, 1, maxSites());
  const documents = wholeNumber('documents', values.documents, DEFAULTS.documents, 0, MAX_DOCUMENTS);
  const years = wholeNumber('years', values.years, DEFAULTS.years, 1, 20);
  const seed = wholeNumber('seed', values.seed, DEFAULTS.seed, 0, 2 ** 32 - 1);
  for (const v of [sites, documents, years, seed]) if (typeof v === 'string') return v;
  const letters = wholeNumber('letters', values.letters, defaultLetters(sites as number, documents as number), 0, MAX_DOCUMENTS);
  if (typeof letters === 'string') return letters;
  return { sites: sites as number, documents: documents as number, letters, years: years as number, seed: seed as number };
}

/** `jiyue generate`: a realistic province in an empty database, with a progress bar per stage. */
export async function generateCommand(args: string[], config: Config): Promise<number> {
  const opts = parseGenerateArgs(args);
  if (typeof opts === 'string') { process.stderr.write(`${opts}\nusage: ${GENERATE_USAGE}\n`); return 2; }
  const platform = await createPlatform(config);
  const started = Date.now();
  let bar: ReturnType<typeof progressBar> | null = null;
  let stage = '';
  const stages: [string, number][] = [];
  try {
    const report = await generateProvince(platform, opts, (name, done, total) => {
      if (name !== stage) { bar?.stop(); bar = progressBar(name); stage = name; stages.push([name, Date.now()]); }
      bar?.update(done, total);
    });
    (bar as ReturnType<typeof progressBar> | null)?.stop();
    stages.push(['', Date.now()]);
    writeAccountsFile(config.dataDir, report.accounts);
    const secs = (Date.now() - started) / 1000;
    process.stdout.write([
      `生成完毕 / generated in ${secs.toFixed(1)} s (seed ${opts.seed}):`,
      `  ${report.organizations} 个机构 organizations, ${report.sites} 个网站 sites, ${report.columns} 个栏目 columns`,
      `  ${report.documents} 篇稿件 documents (${report.attachments} 个附件 attachments, metadata only)`,
      `  ${report.letters} 封信件 letters, ${report.surveys} 个调查 surveys with ${report.responses} 份答卷 responses, ${report.searches} 次检索 searches`,
      `  ${report.trafficDays} 站·日访问统计 site-days of page views (${report.pageViews} 次浏览 views)`,
      `  ${stages.slice(0, -1).map(([name, at], i) => `${name} ${(((stages[i + 1]?.[1] ?? at) - at) / 1000).toFixed(1)} s`).join(', ')}`,
      '下一步 / next: `jiyue publish --all` renders the public pages (`npm start` queues it when none exist); the search index is rebuilt from the console (搜索 › 重建索引, job search.reindex).',
      '',
    ].join('\n'));
    printAccounts(report.accounts, config);
    return 0;
  } catch (e) {
    (bar as ReturnType<typeof progressBar> | null)?.stop();
    if (e instanceof DatabaseNotEmptyError) {
      process.stderr.write('数据库中已有数据，未生成任何内容；请使用空数据库（新的 JIYUE_DATA_DIR 或新的 DATABASE_URL）。\n'
        + 'The database already has data; nothing was generated. Use an empty database (a new JIYUE_DATA_DIR or DATABASE_URL).\n');
      return 1;
    }
    throw e;
  } finally {
    await platform.close();
  }
}
