import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import { loadKeyMaterial } from '../platform/crypto/index.js';
import { pageStoreAt } from '../modules/publishing/page-store/index.js';
import { nginxConfig, verifyPageStore, type NginxSite } from '../modules/delivery/index.js';
import { MAX_LETTER_ATTACHMENTS } from '../modules/interaction/index.js';
import { listSites } from '../modules/sites/index.js';
import { openMigrated } from './open-db.js';
import { progressBar } from './progress.js';

export const PAGES_USAGE = 'jiyue pages verify [--site CODE] | jiyue pages nginx [--site CODE] [--listen 80] [--brotli] [--upstream 127.0.0.1:8080[,127.0.0.1:8081…]]';

export interface PagesIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Progress of long checks (default: a bar on stderr). */
  readonly progress?: (done: number, total: number) => void;
}

const stdio: PagesIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

const KIND_LABEL = { manifest: '清单 / manifest', modified: '被改动 / modified', missing: '缺失 / missing', unknown: '未发布的文件 / unknown file' } as const;

/** `jiyue pages verify`: exit 0 when every signature, shard and file checks out, 1 otherwise. */
async function verify(config: Config, site: string | undefined, io: PagesIo): Promise<number> {
  const keys = await loadKeyMaterial({ dataDir: config.dataDir, secretKeyEnv: config.secretKey ?? undefined });
  const store = pageStoreAt(config.dataDir, keys.sm2);
  io.out(`正在校验页面库 / Verifying the page store: ${store.root}`);
  const bar = io.progress ? null : progressBar('页面校验 / pages');
  const report = await verifyPageStore(store, { site, onProgress: io.progress ?? ((d, t) => bar?.update(d, t)) });
  bar?.stop();
  for (const p of report.problems) io.out(`${p.site}  ${KIND_LABEL[p.kind]}  ${p.file || '-'}  ${p.detail}`);
  if (report.problems.length === 0) {
    io.out(`页面库完整：${report.sites} 个站点，${report.files} 个文件，签名与摘要均校验通过。`);
    io.out(`OK: ${report.sites} sites, ${report.files} files; every signature and digest verified.`);
    return 0;
  }
  io.out(`页面库校验失败：${report.problems.length} 个问题（${report.sites} 个站点，${report.files} 个文件）。`);
  io.out(`FAILED: ${report.problems.length} problems in ${report.sites} sites (${report.files} files checked).`);
  return 1;
}

/** `jiyue pages nginx`: prints an nginx include serving the page store (see docs/deploy.md). */
async function nginx(config: Config, values: { site?: string | undefined; listen?: string | undefined; brotli?: boolean | undefined; upstream?: string | undefined }, io: PagesIo): Promise<number> {
  const listen = values.listen ?? '80';
  if (!/^([0-9.]+:|\[[0-9a-f:]+\]:)?\d{1,5}$/i.test(listen)) { io.err(`--listen: a port or address:port\nusage: ${PAGES_USAGE}`); return 2; }
  if (values.upstream !== undefined && !values.upstream.split(',').every((u) => /^[A-Za-z0-9.-]+:\d{1,5}$|^unix:\/[^\s;{}",]+$/.test(u))) {
    io.err(`--upstream: host:port or unix:/path, several separated by commas\nusage: ${PAGES_USAGE}`);
    return 2;
  }
  const keys = await loadKeyMaterial({ dataDir: config.dataDir, secretKeyEnv: config.secretKey ?? undefined });
  const store = pageStoreAt(config.dataDir, keys.sm2);
  const dbh = await openMigrated(config);
  try {
    const registered = (await listSites(dbh.db)).filter((s) => !values.site || s.code === values.site);
    if (values.site && registered.length === 0) { io.err(`no site with code ${values.site}`); return 2; }
    const sites: NginxSite[] = [];
    for (const s of registered) {
      const manifest = await store.manifest(s.code);
      if (!manifest.ok) { io.err(`${s.code}: manifest does not verify (${manifest.problems.join('; ')}); run jiyue pages verify`); return 1; }
      sites.push({ code: s.code, name: s.name, domains: [s.primaryDomain, ...s.aliases, s.localDomain], manifest, status: s.status });
    }
    io.out(nginxConfig(sites, {
      storeRoot: path.resolve(store.root), listen, brotli: values.brotli ?? false, upstream: values.upstream ?? null, generatedAt: new Date().toISOString(),
      // A letter: every attachment at its limit, plus the fields and multipart framing.
      maxBodyBytes: Math.max(config.bodyLimitBytes, MAX_LETTER_ATTACHMENTS * config.letterAttachmentMaxBytes + 1_048_576),
    }));
    return 0;
  } finally {
    await dbh.close();
  }
}

export async function pagesCommand(args: readonly string[], config: Config, io: PagesIo = stdio): Promise<number> {
  const [sub, ...rest] = args;
  let values: { site?: string; listen?: string; brotli?: boolean; upstream?: string };
  try {
    ({ values } = parseArgs({ args: [...rest], options: { site: { type: 'string' }, listen: { type: 'string' }, brotli: { type: 'boolean' }, upstream: { type: 'string' } } }));
  } catch (e) {
    io.err(`${e instanceof Error ? e.message : String(e)}\nusage: ${PAGES_USAGE}`);
    return 2;
  }
  if (values.site !== undefined && !/^(\d{10}|bm\d{8})$/.test(values.site)) { io.err(`--site: a website identifier code (10 digits or bm + 8 digits)\nusage: ${PAGES_USAGE}`); return 2; }
  if (sub === 'verify') return verify(config, values.site, io);
  if (sub === 'nginx') return nginx(config, values, io);
  io.err(`usage: ${PAGES_USAGE}`);
  return 2;
}
