export { openDatabase, type Db, type DatabaseHandle, type DatabaseOptions } from './database.js';
export type { Database } from './schema.js';
export type { Engine } from './engine.js';
export type { DialectOps } from './dialect/index.js';
export { MigrationError, migrate } from './migrator.js';
export { inTransaction } from './transaction.js';
export { withBulkWrites } from './bulk-writes.js';
export { executeNamed } from './named-statements.js';
