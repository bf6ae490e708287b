import { api } from '../../app/api-client';

export type AlertKind = 'modified' | 'missing' | 'added' | 'manifest';
export type AlertSource = 'request' | 'watcher';
export type AlertAction = 'restored' | 'removed' | 'blocked' | 'failed';
export type AlertStatus = 'open' | 'acknowledged';

export interface PageAlert {
  readonly id: number;
  readonly siteCode: string;
  readonly siteName: string;
  /** Stored file path; '' for the site's manifest. */
  readonly file: string;
  readonly kind: AlertKind;
  readonly detectedBy: AlertSource;
  readonly action: AlertAction;
  readonly detail: string;
  readonly createdAt: number;
  readonly acknowledgedBy: number | null;
  readonly acknowledgedAt: number | null;
  readonly ackNote: string | null;
}

export interface AlertQuery {
  readonly status?: AlertStatus;
  readonly site?: string;
  readonly page: number;
  readonly pageSize: number;
}

export const pageAlertsKeys = { lists: ['page-alerts', 'list'] as const };

export const pageAlertsApi = {
  list: (q: AlertQuery) => api.get<{ total: number; items: PageAlert[] }>('/api/v1/page-alerts', { ...q }),
  acknowledge: (id: number, note: string) => api.post<{ alert: PageAlert }>(`/api/v1/page-alerts/${id}/acknowledge`, note ? { note } : {}),
};
