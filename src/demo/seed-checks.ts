import type { Db } from '../db/index.js';
import type { Platform } from '../platform/platform.js';
import { systemActor } from '../platform/identity/actor.js';
import { importStarterDictionary } from '../modules/checks/index.js';

/** The starter dictionary of the machine checks (outdated names, miswritten terms, commercial domains). */
export async function seedDemoChecks(trx: Db, platform: Pick<Platform, 'clock' | 'audit'>): Promise<number> {
  const { added } = await importStarterDictionary({ db: trx, actor: systemActor('demo-seed'), deps: { clock: platform.clock, audit: platform.audit } });
  return added;
}
