import type { Config } from '../config/index.js';
import { openMigrated } from './open-db.js';
import { listUsers, getUserByUsername } from '../platform/identity/users.repo.js';

/** Read-only listing and an emergency unlock for operators with shell access. */
export async function userCommand(args: string[], config: Config): Promise<number> {
  const dbh = await openMigrated(config);
  try {
    if (args[0] === 'list') {
      const { rows } = await listUsers(dbh.db, { page: 1, pageSize: 200 });
      for (const u of rows) process.stdout.write(`${u.username.padEnd(16)} ${u.display_name.padEnd(10)} ${u.org_name} ${u.status}\n`);
      return 0;
    }
    if (args[0] === 'unlock' && args[1]) {
      const user = await getUserByUsername(dbh.db, args[1]);
      if (!user) { process.stderr.write(`no such user: ${args[1]}\n`); return 1; }
      // Shell access is already the machine's security boundary; the change is still audited by the next verify.
      const { createPlatform } = await import('../platform/platform.js');
      const { unlockUser } = await import('../platform/identity/operations/manage-users.js');
      const { identityDeps } = await import('../platform/identity/identity-deps.js');
      const { systemActor } = await import('../platform/identity/actor.js');
      const platform = await createPlatform(config);
      try {
        await unlockUser({ db: platform.db, actor: systemActor('cli'), userId: user.id, deps: identityDeps(platform) });
      } finally {
        await platform.close();
      }
      process.stdout.write(`unlocked ${user.username}\n`);
      return 0;
    }
    process.stderr.write('usage: jiyue user list | jiyue user unlock <username>\n');
    return 2;
  } finally {
    await dbh.close();
  }
}
