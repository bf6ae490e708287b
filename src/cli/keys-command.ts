import type { Config } from '../config/index.js';
import { addFieldKeyVersion } from '../platform/crypto/index.js';

export async function keysCommand(args: string[], config: Config): Promise<number> {
  if (args[0] !== 'rotate') { process.stderr.write('usage: jiyue keys rotate\n'); return 2; }
  if (config.secretKey) {
    process.stderr.write('JIYUE_SECRET_KEY is set: add a version to it (`1:<hex>,2:<hex>`) instead of rotating the key file.\n');
    return 2;
  }
  const v = await addFieldKeyVersion(config.dataDir);
  process.stdout.write(`field-encryption key version ${v} is now current; old values are re-encrypted when next written.\n`);
  return 0;
}
