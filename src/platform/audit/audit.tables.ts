import type { Generated } from 'kysely';

export type AuditResult = 'success' | 'denied' | 'failure';

export interface AuditEventsTable {
  id: Generated<number>;
  /** Contiguous sequence number; a gap means a deleted event. */
  seq: number;
  at: number;
  actor_id: number | null;
  actor_name: string;
  org_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: AuditResult;
  ip: string;
  user_agent: string;
  /** JSON object with details; never secrets. */
  detail: string;
  prev_hash: string;
  /** SM3 over prev_hash and the canonical event fields. */
  hash: string;
}

export interface AuditCheckpointsTable {
  id: Generated<number>;
  /** The checkpoint covers events up to and including this seq. */
  seq: number;
  hash: string;
  at: number;
  /** SM2 signature (DER hex) over `seq|hash|at`. */
  signature: string;
  public_key: string;
  /** 'periodic' or 'prune' (the anchor that lets a pruned chain still verify). */
  kind: 'periodic' | 'prune';
}

export interface AuditTables {
  audit_events: AuditEventsTable;
  audit_checkpoints: AuditCheckpointsTable;
}
