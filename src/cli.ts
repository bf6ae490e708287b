/**
 * The `jiyue` command. Each subcommand is a small function; `--help` works everywhere.
 */
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, renderConfigDocs, type Config } from './config/index.js';

type Command = { summary: string; usage: string; run(args: string[], config: () => Config): Promise<number> };

const commands: Record<string, Command> = {
  start: {
    summary: 'Build the console if needed, migrate, seed demo data into an empty database, and serve',
    usage: 'jiyue start',
    run: async (_args, config) => (await import('./cli/start-command.js')).startCommand(config()),
  },
  serve: {
    summary: 'Serve HTTP (roles: admin, public, worker)',
    usage: 'jiyue serve [--roles admin,public,worker]',
    run: async (args, config) => {
      const { values } = parseArgs({ args, options: { roles: { type: 'string' } } });
      const roles = values.roles ? values.roles.split(',').map((s) => s.trim()) : undefined;
      if (roles && !roles.every((r) => ['admin', 'public', 'worker'].includes(r))) {
        process.stderr.write('--roles: allowed values are admin, public, worker\n');
        return 2;
      }
      const { serve } = await import('./main.js');
      await serve(config(), { ...(roles ? { roles: roles as ('admin' | 'public' | 'worker')[] } : {}), onListening: (u) => process.stdout.write(`集约 Jiyue listening on ${u}\n`) });
      return -1; // keep running
    },
  },
  worker: {
    summary: 'Run the job worker alone (no HTTP)',
    usage: 'jiyue worker [--once] [--concurrency N]',
    run: async (args, config) => (await import('./cli/worker-command.js')).workerCommand(config(), args),
  },
  migrate: {
    summary: 'Apply pending database migrations (idempotent; all or nothing)',
    usage: 'jiyue migrate',
    run: async (_args, config) => (await import('./cli/migrate-command.js')).migrateCommand(config()),
  },
  demo: {
    summary: 'Seed demo data into an empty database, or print a demo account\'s current TOTP code',
    usage: 'jiyue demo [seed] | jiyue demo code <username>',
    run: async (args, config) => (await import('./cli/demo-command.js')).demoCommand(args, config()),
  },
  generate: {
    summary: 'Build a realistic province (sites, columns, documents, letters, surveys, search history) into an empty database',
    usage: 'jiyue generate [--sites N] [--documents N] [--letters N] [--years N] [--seed N]   (defaults: 50 sites, 20000 documents, letters max(20 per site, documents/10), 5 years, seed 1)',
    run: async (args, config) => (await import('./cli/generate-command.js')).generateCommand(args, config()),
  },
  user: {
    summary: 'Manage accounts from the command line (list, unlock)',
    usage: 'jiyue user list | jiyue user unlock <username>',
    run: async (args, config) => (await import('./cli/user-command.js')).userCommand(args, config()),
  },
  audit: {
    summary: 'Verify the audit hash chain and its SM2-signed checkpoints',
    usage: 'jiyue audit verify',
    run: async (args, config) => (await import('./cli/audit-cli.js')).auditCli(args, config()),
  },
  calendar: {
    summary: 'Import a year of holidays and make-up working days',
    usage: 'jiyue calendar import FILE',
    run: async (args, config) => (await import('./cli/calendar-cli.js')).calendarCli(args, config()),
  },
  publish: {
    summary: 'Render the public pages of every site (or one) from the database into the page store',
    usage: 'jiyue publish --all [--site CODE]',
    run: async (args, config) => (await import('./cli/publish-command.js')).publishCommand(args, config()),
  },
  pages: {
    summary: 'Check the published pages against their signed manifests, or print an nginx config serving them',
    usage: 'jiyue pages verify [--site CODE] | jiyue pages nginx [--site CODE] [--listen 80] [--brotli] [--upstream 127.0.0.1:8080]',
    run: async (args, config) => (await import('./cli/pages-command.js')).pagesCommand(args, config()),
  },
  config: {
    summary: 'Print the configuration reference (Markdown) or check the environment',
    usage: 'jiyue config docs | jiyue config check',
    run: async (args, config) => {
      if (args[0] === 'docs') { process.stdout.write(renderConfigDocs()); return 0; }
      if (args[0] === 'check') { config(); process.stdout.write('configuration ok\n'); return 0; }
      process.stderr.write('usage: jiyue config docs | jiyue config check\n');
      return 2;
    },
  },
  keys: {
    summary: 'Add a new field-encryption key version and make it current',
    usage: 'jiyue keys rotate',
    run: async (args, config) => (await import('./cli/keys-command.js')).keysCommand(args, config()),
  },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return ['集约 Jiyue — provincial government website platform', '', 'Usage: jiyue <command> [options]', '',
    ...Object.entries(commands).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`), '', 'Run `jiyue <command> --help` for details.', ''].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') { process.stdout.write(help()); return 0; }
  const cmd = commands[name];
  if (!cmd) { process.stderr.write(`Unknown command: ${name}\n\n${help()}`); return 2; }
  if (rest.includes('--help') || rest.includes('-h')) { process.stdout.write(`${cmd.summary}\n\nUsage: ${cmd.usage}\n`); return 0; }
  let cached: Config | null = null;
  const config = () => (cached ??= loadConfig());
  return cmd.run(rest, config);
}

main(process.argv.slice(2)).then((code) => {
  if (code >= 0) process.exit(code);
}, (err: unknown) => {
  if (err instanceof ConfigError) process.stderr.write(`${err.message}\nSee docs/configuration.md for every setting.\n`);
  else process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
