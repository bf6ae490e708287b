import type { Migration } from '../migration-kit.js';
import { migration as m0001 } from './20261126_0001_platform.js';
import { migration as m0002 } from './20261126_0002_sites_content.js';
import { migration as m0003 } from './20261126_0003_placement_decisions.js';

/** Every migration, oldest first. Append only; never edit a released one. */
export const migrations: readonly Migration[] = [m0001, m0002, m0003];
