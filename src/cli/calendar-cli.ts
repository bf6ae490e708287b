import type { Config } from '../config/index.js';
import { createPlatform } from '../platform/platform.js';
import { calendarImportCommand } from './calendar-command.js';

export async function calendarCli(args: string[], config: Config): Promise<number> {
  if (args[0] !== 'import' || !args[1]) { process.stderr.write('usage: jiyue calendar import FILE\n'); return 2; }
  const platform = await createPlatform(config);
  try {
    return await calendarImportCommand(platform.dbh, args[1], (line) => process.stdout.write(`${line}\n`), { audit: platform.audit, clock: platform.clock });
  } finally {
    await platform.close();
  }
}
