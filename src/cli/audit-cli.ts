import type { Config } from '../config/index.js';
import { openMigrated } from './open-db.js';
import { auditVerifyCommand } from './audit-command.js';
import { deriveAuditChainKey } from '../platform/audit/index.js';
import { loadKeyMaterial } from '../platform/crypto/index.js';

export async function auditCli(args: string[], config: Config): Promise<number> {
  if (args[0] !== 'verify') { process.stderr.write('usage: jiyue audit verify\n'); return 2; }
  const dbh = await openMigrated(config);
  try {
    // The chain is keyed and checkpoints count only when signed by this platform's own key:
    // both come from the same key material the server uses.
    const keys = await loadKeyMaterial({ dataDir: config.dataDir, secretKeyEnv: config.secretKey ?? undefined });
    return await auditVerifyCommand(dbh, (line) => process.stdout.write(`${line}\n`), {
      trustedPublicKeys: [keys.sm2.publicKey],
      chainKey: deriveAuditChainKey(keys.sessionSecret),
      checkpointEvery: config.auditCheckpointEvery,
    });
  } finally {
    await dbh.close();
  }
}
