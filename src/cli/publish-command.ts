import { parseArgs } from 'node:util';
import type { Config } from '../config/index.js';
import { createPlatform } from '../platform/platform.js';
import { publishingDeps, rebuildAll } from '../modules/publishing/index.js';
import { progressBar } from './progress.js';

/** `jiyue publish --all [--site CODE]`: a full rebuild with a progress bar. */
export async function publishCommand(args: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args, options: { all: { type: 'boolean' }, site: { type: 'string' } } });
  if (!values.all) { process.stderr.write('usage: jiyue publish --all [--site CODE]\n'); return 2; }
  const platform = await createPlatform(config);
  const bar = progressBar('发布 / publish');
  const started = Date.now();
  try {
    const r = await rebuildAll(publishingDeps(platform), values.site ? { siteCode: values.site } : {}, (pct) => bar.update(pct, 100));
    bar.stop();
    const secs = (Date.now() - started) / 1000;
    process.stdout.write(`${r.sites} 个网站，${r.pages} 个页面，用时 ${secs.toFixed(1)} 秒（${Math.round(r.pages / Math.max(secs, 0.001))} 页/秒）\n`);
    return 0;
  } catch (e) {
    bar.stop();
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  } finally {
    await platform.close();
  }
}
