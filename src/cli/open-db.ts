import type { Config } from '../config/index.js';
import { openDatabase, type DatabaseHandle } from '../db/index.js';

/** Opens and migrates the configured database for a one-shot command. */
export async function openMigrated(config: Config): Promise<DatabaseHandle> {
  const dbh = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, namedStatements: config.pgNamedStatements, poolSize: 2 });
  await dbh.migrate();
  return dbh;
}
