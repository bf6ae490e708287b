import type { Generated } from 'kysely';

/** What the tamper guard found: a changed or vanished stored file, a file nobody published, or a manifest that does not verify. */
export type PageAlertKind = 'modified' | 'missing' | 'added' | 'manifest';
/** Who found it: a visitor's request (the served bytes are checked) or the page-store watcher. */
export type PageAlertSource = 'request' | 'watcher';
/**
 * What was done: the genuine file written back, the unknown file deleted, wrong bytes withheld
 * (503) because nothing could restore them yet, or a restore that failed.
 */
export type PageAlertAction = 'restored' | 'removed' | 'blocked' | 'failed';

/** 网页防篡改告警: one row per incident, acknowledged by an administrator in the console. */
export interface PageAlertsTable {
  id: Generated<number>;
  site_code: string;
  /** Stored file path (`/zwgk/index.html`, `/a.html.gz` for a variant); '' for the manifest. */
  file: string;
  kind: PageAlertKind;
  detected_by: PageAlertSource;
  action: PageAlertAction;
  /** Short technical explanation (which digest differed, which manifest check failed). */
  detail: string;
  created_at: number;
  acknowledged_by: number | null;
  acknowledged_at: number | null;
  ack_note: string | null;
}

export interface DeliveryTables {
  page_alerts: PageAlertsTable;
}
