/**
 * Scale-out on one machine and one PostgreSQL database (docs/scale-out.md):
 *
 *   DATABASE_URL=postgres://… npm run scale-out [-- --port 8081] [--front-port 8080] [--public 2] [--workers 2] [--no-front]
 *
 * prepares the database once (migrations, key file, demo data into an empty database), then
 * starts `jiyue serve --roles public` × N on ports P, P+1, …, `jiyue serve --roles admin` on the
 * next port, `jiyue worker` × M, and a round-robin front on --front-port for the public tier.
 * It waits until each is up (/healthz, or the worker's "running" line), prints the addresses,
 * and stops every child on Ctrl+C or SIGTERM (and all of them when one dies).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config/index.js';
import { buildConsoleIfMissing, prepareData } from '../src/cli/start-command.js';
import { spawnJiyue, stopAll, waitUntilUp, WORKER_READY, type JiyueProcess } from './lib/jiyue-process.js';
import { startRoundRobin, type RoundRobin } from './lib/round-robin.js';

const USAGE = 'DATABASE_URL=postgres://… npm run scale-out [-- --port 8081] [--front-port 8080] [--public 2] [--workers 2] [--no-front]';

function count(raw: string | undefined, fallback: number, name: string, max: number): number {
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name}: an integer 1–${max}`);
  return n;
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' }, 'front-port': { type: 'string' }, public: { type: 'string' }, workers: { type: 'string' },
      'no-front': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  if (!config.databaseUrl) throw new UsageError('DATABASE_URL must name a PostgreSQL database: on SQLite one process runs every role (npm start)');
  const base = count(values.port, 8081, 'port', 65_000);
  const frontPort = count(values['front-port'], 8080, 'front-port', 65_535);
  const publics = count(values.public, 2, 'public', 16);
  const workers = count(values.workers, 2, 'workers', 16);

  await buildConsoleIfMissing();
  await prepareData(config);

  const procs: JiyueProcess[] = [];
  const say = (label: string) => (line: string) => process.stdout.write(`[${label}] ${line}\n`);
  const start = (label: string, args: string[], port?: number) => {
    const p = spawnJiyue({ label, args, ...(port !== undefined ? { port } : {}), onLine: say(label) });
    procs.push(p);
    return p;
  };
  for (let i = 0; i < publics; i++) start(`public ${i + 1}`, ['serve', '--roles', 'public'], base + i);
  const admin = start('admin', ['serve', '--roles', 'admin'], base + publics);
  for (let i = 0; i < workers; i++) start(`worker ${i + 1}`, ['worker']);

  let front: RoundRobin | null = null;
  let stopping = false;
  const stop = async (why: string, code: number): Promise<never> => {
    if (!stopping) {
      stopping = true;
      process.stdout.write(`\nstopping (${why})…\n`);
      await front?.close();
      await stopAll(procs);
    }
    process.exit(code);
  };
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void stop(sig, 0));
  for (const p of procs) void p.exited.then((code) => { if (!stopping) void stop(`${p.label} exited (${code})`, 1); });

  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  try {
    await Promise.all(procs.map((p) => waitUntilUp(p, { host, readyLine: WORKER_READY, timeoutMs: 120_000 })));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return stop('a process did not come up', 1);
  }
  const publicPorts = procs.filter((p) => p.label.startsWith('public')).map((p) => p.port ?? 0);
  if (!values['no-front']) front = await startRoundRobin({ host: config.host, port: frontPort, upstreams: publicPorts.map((port) => ({ host, port })) });

  const shown = config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  const lines = [
    '',
    `集约 Jiyue scale-out on ${config.databaseUrl.replace(/:[^:@/]*@/, ':***@')}:`,
    ...(front ? [`  public sites   http://3200000001.${shown}:${front.port}/   (round robin over ${publicPorts.join(', ')})`] : []),
    ...publicPorts.map((port, i) => `  public ${i + 1}       http://${shown}:${port}/`),
    `  admin          http://${shown}:${admin.port}/admin/   (API docs /api/docs)`,
    `  workers        ${workers} × jiyue worker`,
    'Ctrl+C stops them all.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return -1;
}

main().then((code) => {
  if (code >= 0) process.exit(code);
}, (err: unknown) => {
  const usage = err instanceof UsageError || (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
  if (usage) process.stderr.write(`${(err as Error).message}\nusage: ${USAGE}\n`);
  else if (err instanceof ConfigError) process.stderr.write(`${err.message}\nSee docs/configuration.md for every setting.\n`);
  else process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(usage ? 2 : 1);
});
