import { api } from '../../app/api-client';
import type { DueState } from '../../app/due-colours';

export type { DueState };

export type ReportStatus = 'received' | 'forwarded' | 'disputed' | 'fixed' | 'dismissed';
export type ReportBox = 'triage' | 'owner' | 'all';
export type DismissKind = 'not_error' | 'duplicate' | 'other';

export interface ErrorReport {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly queryCode: string;
  readonly errorTypeName: string;
  readonly pageUrl: string;
  readonly description: string;
  readonly status: ReportStatus;
  readonly statusName: string;
  readonly version: number;
  readonly receivedAt: number;
  readonly triageDueAt: number;
  readonly ownerDueAt: number | null;
  readonly stepDueAt: number | null;
  readonly dueState: DueState;
  readonly escalated: boolean;
  /** Masked by the server. */
  readonly contact: { name: string | null; phone: string | null; email: string | null };
}

export interface ErrorReportDetail extends ErrorReport {
  readonly dismissKindName: string | null;
  readonly reason: string;
  readonly answer: string | null;
  readonly answeredAt: number | null;
  readonly forwardedAt: number | null;
  readonly ownerOrgName: string;
  readonly history: readonly { action: string; actionName: string; actorName: string; reason: string; at: number }[];
}

export interface SiteStats {
  readonly siteId: number;
  readonly siteName: string;
  readonly received: number;
  readonly forwarded: number;
  readonly fixed: number;
  readonly dismissed: number;
  readonly open: number;
  readonly triageOnTimeRate: number | null;
  readonly fixOnTimeRate: number | null;
  readonly avgTriageHours: number | null;
  readonly avgFixHours: number | null;
}

export type ReportAction =
  | { action: 'forward'; reason?: string }
  | { action: 'dismiss'; dismissKind: DismissKind; reason: string }
  | { action: 'fix'; answer: string }
  | { action: 'dispute'; reason: string };

export const errorReportKeys = { all: ['error-reports'] as const };

export const errorReportsApi = {
  list: (q: { box: ReportBox; page: number; pageSize: number }) => api.get<{ total: number; items: ErrorReport[] }>('/api/v1/error-reports', { ...q }),
  detail: (id: number) => api.get<{ report: ErrorReportDetail }>(`/api/v1/error-reports/${id}`),
  act: (id: number, version: number, body: ReportAction) => {
    const path = body.action === 'forward' || body.action === 'dismiss' ? 'triage' : 'answer';
    return api.post<{ status: ReportStatus; version: number }>(`/api/v1/error-reports/${id}/${path}`, { ...body, version });
  },
  stats: (q: { from?: number; to?: number }) => api.get<{ sites: SiteStats[] }>('/api/v1/error-reports/stats', { ...q }),
  supervision: () => api.get<{ overdue: ErrorReport[]; notices: { id: number; siteId: number; reportId: number; message: string; createdAt: number }[] }>('/api/v1/supervision/error-reports'),
};
