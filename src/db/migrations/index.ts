import type { Migration } from '../migration-kit.js';
import { migration as m0001 } from './20261126_0001_platform.js';

/** Every migration, oldest first. Append only; never edit a released one. */
export const migrations: readonly Migration[] = [m0001];
