import type { Config } from '../config/index.js';
import { openDatabase } from '../db/index.js';

export async function migrateCommand(config: Config): Promise<number> {
  const dbh = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, namedStatements: config.pgNamedStatements, poolSize: 2 });
  try {
    const r = await dbh.migrate();
    process.stdout.write(r.applied.length ? `applied ${r.applied.length} migration(s): ${r.applied.join(', ')}\n` : `database is up to date (${r.alreadyApplied} migrations)\n`);
    return 0;
  } finally {
    await dbh.close();
  }
}
