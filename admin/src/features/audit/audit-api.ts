import { api, buildUrl } from '../../app/api-client';

export type AuditResult = 'success' | 'denied' | 'failure';
export const AUDIT_RESULTS: readonly AuditResult[] = ['success', 'denied', 'failure'];

export interface AuditEvent {
  readonly id: number;
  readonly seq: number;
  readonly at: number;
  readonly actorName: string;
  readonly orgId: number | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly result: AuditResult;
  readonly ip: string;
  readonly userAgent: string;
  /** A JSON object, or its text. */
  readonly detail: unknown;
}

export interface AuditFilters {
  readonly from?: number;
  readonly to?: number;
  readonly actorName?: string;
  readonly action?: string;
  readonly result?: AuditResult;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly events?: number;
  readonly checkpoints?: number;
  readonly firstBadSeq?: number;
  readonly reason?: string;
  readonly message?: string;
}

export const auditApi = {
  events: (filters: AuditFilters, page: number, pageSize: number) =>
    api.get<{ items: AuditEvent[]; total: number }>('/api/v1/audit/events', { ...filters, page, pageSize }),
  /** Same filters as the table; a plain link, so the browser downloads it with the session cookie. */
  csvUrl: (filters: AuditFilters) => buildUrl('/api/v1/audit/events.csv', { ...filters }),
  verify: () => api.post<VerifyReport>('/api/v1/audit/verify'),
};
