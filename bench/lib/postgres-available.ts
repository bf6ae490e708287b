import pg from 'pg';
import { postgresAdminUrl } from '../../test/support/engines.js';

/** The server version when the test PostgreSQL (JIYUE_TEST_PG_URL, else 127.0.0.1:5432) answers; null when it does not. */
export async function postgresVersion(): Promise<string | null> {
  const client = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    const r = await client.query<{ server_version: string }>('show server_version');
    return r.rows[0]?.server_version ?? 'unknown';
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}
