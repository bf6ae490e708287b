import type { Generated } from 'kysely';

export type OrgKind = 'government' | 'general_office' | 'department' | 'township';
export type OrgLevel = 'province' | 'city' | 'county' | 'township';

export interface OrganizationsTable {
  id: Generated<number>;
  parent_id: number | null;
  /** Stable public code: the division code for governments, a derived code for units. */
  code: string;
  name: string;
  kind: OrgKind;
  level: OrgLevel;
  /** 6-digit administrative division code (GB/T 2260) of the region the unit belongs to. */
  division_code: string;
  /** 9-digit organization code or 18-character unified social credit code (used in index numbers). */
  credit_code: string | null;
  /** Materialised path of ids, e.g. `/1/4/17/`, so a subtree is one prefix query. */
  path: string;
  sort_order: number;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  org_id: number;
  password_hash: string;
  password_changed_at: number;
  must_change_password: number;
  status: 'active' | 'disabled';
  failed_attempts: number;
  locked_until: number | null;
  /** TOTP secret, SM4-encrypted (field cipher). */
  totp_secret_enc: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  /** Personal data, SM4-encrypted. */
  email_enc: string | null;
  phone_enc: string | null;
  created_at: number;
  updated_at: number;
}

export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: number;
  password_hash: string;
  created_at: number;
}

export interface RecoveryCodesTable {
  id: Generated<number>;
  user_id: number;
  code_hash: string;
  used_at: number | null;
}

export type ScopeType = 'platform' | 'org' | 'site' | 'column';

export interface RoleGrantsTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  scope_type: ScopeType;
  /** null for platform scope; org/site/column id otherwise. */
  scope_id: number | null;
  granted_by: number | null;
  granted_at: number;
}

export interface SessionsTable {
  id: Generated<number>;
  /** SM3 of the cookie token; the token itself is never stored. */
  token_hash: string;
  csrf_hash: string;
  user_id: number;
  /** 1 once the second factor was checked (or none is required). */
  mfa_passed: number;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string;
  user_agent: string;
  revoked_at: number | null;
}

export interface IdentityTables {
  organizations: OrganizationsTable;
  users: UsersTable;
  password_history: PasswordHistoryTable;
  recovery_codes: RecoveryCodesTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
}
