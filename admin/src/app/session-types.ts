export type ScopeType = 'platform' | 'org' | 'site' | 'column';

export interface RoleAssignment {
  readonly role: string;
  readonly roleLabel: string;
  readonly scopeType: ScopeType;
  readonly scopeId: number | null;
  readonly scopeName: string | null;
}

/** The signed-in user as /api/v1/auth/me describes them. */
export interface Me {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly orgId: number | null;
  readonly orgName: string | null;
  readonly roles: readonly RoleAssignment[];
  readonly permissions: readonly string[];
  readonly mustChangePassword: boolean;
  readonly mfaSetupRequired: boolean;
  readonly totpEnabled: boolean;
  readonly passwordExpiresAt: number | null;
}

export interface Session {
  readonly user: Me;
  readonly csrfToken: string;
}
