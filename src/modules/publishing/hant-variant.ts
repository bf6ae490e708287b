import * as OpenCC from 'opencc-js';
import { sm3Hex } from '../../platform/crypto/index.js';
import { getSiteByCode } from '../sites/index.js';
import { hantFileOf } from './page-store/index.js';
import type { PublishingDeps } from './publishing-deps.js';
import { repairFile } from './repair-page.js';
import { withSiteLocks } from './site-lock.js';

// Simplified → traditional characters (OpenCC 's2t': characters only, no regional phrase
// substitution, as mainland government sites' 繁體 versions do). Built once: the tables are large.
let converter: ((s: string) => string) | null = null;
const toHant = (s: string) => (converter ??= OpenCC.Converter({ from: 'cn', to: 't' }))(s);

/** The page in traditional characters: text converted, language tagged, the switch offering 简体. */
export function hantHtml(html: string, keep: readonly string[] = []): string {
  let out = toHant(html).replace('<html lang="zh-CN"', '<html lang="zh-Hant"');
  // Official identifiers (ICP and public-security filing numbers) are quoted exactly as issued.
  for (const k of keep) if (k) out = out.replaceAll(toHant(k), k);
  return out;
}

/**
 * Makes and stores the traditional variant of a published HTML page from its genuine bytes
 * (checked against the manifest; re-rendered if the file on disk does not match). The variant
 * is written through the store, so it is listed and signed like any page; rewriting the page
 * drops it (file-page-store.ts), and the next request makes it again. The write holds the site's
 * publishing lock like every other write to the site (a public process and a worker must never
 * apply to one site at once), and is skipped if the page changed meanwhile.
 */
export async function produceHantVariant(deps: PublishingDeps, siteCode: string, file: string): Promise<boolean> {
  const hant = hantFileOf(file);
  if (!hant) return false;
  const entry = (await deps.store.manifest(siteCode)).entries.get(file);
  if (entry?.status !== 200 || !entry.sm3) return false;
  let bytes = await deps.store.read(siteCode, file);
  if (!bytes || sm3Hex(bytes) !== entry.sm3) bytes = await repairFile(deps, siteCode, file);
  if (!bytes) return false;
  const genuine = sm3Hex(bytes);
  const site = await getSiteByCode(deps.db, siteCode);
  if (!site) return false;
  const body = Buffer.from(hantHtml(bytes.toString('utf8'), [site.icpNumber ?? '', site.policeNumber ?? '']), 'utf8');
  const stored = await withSiteLocks(deps, [site.id], async () => {
    if ((await deps.store.manifest(siteCode)).entries.get(file)?.sm3 !== genuine) return false;
    await deps.store.apply(siteCode, { write: [{ path: hant, body }] });
    return true;
  });
  if (stored) await deps.events.publish({ channel: 'pages.changed', data: { siteCode } });
  return stored;
}
