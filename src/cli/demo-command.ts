import type { Config } from '../config/index.js';
import { createPlatform } from '../platform/platform.js';
import { isDatabaseEmpty, readDemoTotpSecret, seedDemo, accountsFilePath, type DemoAccount } from '../demo/seed-demo.js';
import { totpCode } from '../platform/crypto/index.js';

export async function demoCommand(args: string[], config: Config): Promise<number> {
  if (args[0] === 'code') {
    const username = args[1];
    const secret = username ? readDemoTotpSecret(config.dataDir, username) : null;
    if (!secret) { process.stderr.write(`no demo TOTP secret for ${username ?? '(missing username)'} in ${accountsFilePath(config.dataDir)}\n`); return 1; }
    process.stdout.write(`${totpCode(secret, Date.now())}\n`);
    return 0;
  }
  if (args[0] && args[0] !== 'seed') { process.stderr.write('usage: jiyue demo [seed] | jiyue demo code <username>\n'); return 2; }
  const platform = await createPlatform(config);
  try {
    if (!(await isDatabaseEmpty(platform.db))) { process.stdout.write('database already has data; demo seed skipped\n'); return 0; }
    printAccounts(await seedDemo(platform, { documents: 'full' }), config);
    return 0;
  } finally {
    await platform.close();
  }
}

export function printAccounts(accounts: readonly DemoAccount[], config: Config): void {
  process.stdout.write(`\n演示账号 Demo accounts (also in ${accountsFilePath(config.dataDir)}):\n`);
  for (const a of accounts) {
    process.stdout.write(`  ${a.username.padEnd(12)} ${a.password.padEnd(22)} ${a.role}${a.totpSecret ? '  (2FA: npm run jiyue -- demo code ' + a.username + ')' : ''}\n`);
  }
  process.stdout.write('\n');
}
