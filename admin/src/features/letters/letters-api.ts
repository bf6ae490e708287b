import { api } from '../../app/api-client';
import type { DueState } from '../../app/due-colours';

export type { DueState };

export type HandlerAction =
  | 'accept' | 'refuse' | 'merge' | 'assign' | 'send_back' | 'forward' | 'request_extension'
  | 'request_supplement' | 'draft_reply' | 'approve_reply' | 'return_reply';

export interface MaskedCitizen {
  readonly name: string;
  readonly phone: string;
  readonly email: string | null;
  readonly idNumber: string | null;
  readonly address: string | null;
}

export interface LetterListItem {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly mailboxName: string;
  readonly queryCode: string;
  readonly letterType: string;
  readonly isPublic: boolean;
  readonly subject: string;
  readonly status: string;
  readonly statusName: string;
  readonly version: number;
  readonly handlingOrgId: number | null;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly stepDueAt: number | null;
  readonly dueState: DueState;
  readonly attachmentCount: number;
  readonly citizen: MaskedCitizen;
}

export interface UnitLetterItem {
  readonly id: number;
  readonly siteId: number;
  readonly subject: string;
  readonly status: string;
  readonly statusName: string;
  readonly version: number;
  readonly handlingOrgId: number;
  readonly handlingOrgName: string;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly stepDueAt: number | null;
  readonly dueState: DueState;
  readonly extensionPending: boolean;
}

export interface LetterHistoryItem {
  readonly action: string;
  readonly actionName: string;
  readonly fromStatus: string;
  readonly toStatus: string;
  readonly actorName: string;
  readonly orgName: string | null;
  readonly reason: string;
  readonly at: number;
}

export interface LetterDetail {
  readonly id: number;
  readonly siteId: number;
  readonly mailboxName: string;
  readonly queryCode: string;
  readonly letterType: string;
  readonly isPublic: boolean;
  readonly subject: string;
  readonly body: string;
  readonly status: string;
  readonly statusName: string;
  readonly version: number;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly stepDueAt: number | null;
  readonly dueState: DueState;
  readonly handlingOrgId: number | null;
  readonly handlingOrgName: string | null;
  readonly mergedIntoId: number | null;
  readonly extension: { readonly days: number; readonly reason: string } | null;
  readonly reply: string | null;
  readonly repliedAt: number | null;
  readonly publishedAt: number | null;
  readonly satisfaction: string | null;
  readonly reopenCount: number;
  readonly citizen: MaskedCitizen;
  readonly history: readonly LetterHistoryItem[];
  readonly attachments: readonly { readonly id: number; readonly fileName: string; readonly mime: string; readonly size: number }[];
  readonly allowedActions: readonly string[];
}

export interface SupervisionItem {
  readonly id: number;
  readonly siteId: number;
  readonly siteName: string;
  readonly subject: string;
  readonly status: string;
  readonly statusName: string;
  readonly handlingOrgName: string | null;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly effectiveDueAt: number;
  readonly dueState: DueState;
  readonly escalated: boolean;
  readonly extension: { readonly days: number; readonly reason: string } | null;
}

export interface SupervisionView {
  readonly overdue: readonly SupervisionItem[];
  readonly dueSoon: readonly SupervisionItem[];
  readonly pendingExtensions: readonly SupervisionItem[];
  readonly notices: readonly { id: number; siteId: number; letterId: number; kind: string; message: string; createdAt: number }[];
  readonly bySite: readonly { siteId: number; siteName: string; overdue: number; dueSoon: number; normal: number }[];
}

export interface Mailbox {
  readonly id: number;
  readonly siteId: number;
  readonly kind: string;
  readonly kindName: string;
  readonly name: string;
  readonly description: string;
  readonly deadlineDays: number;
  readonly acceptDays: number;
  readonly reviewDays: number;
  readonly isEnabled: boolean;
  readonly sortOrder: number;
}

export interface ReplyTemplate {
  readonly id: number;
  readonly siteId: number;
  readonly name: string;
  readonly body: string;
  readonly sortOrder: number;
  readonly updatedAt: number;
}

export interface ActionInput {
  readonly action: HandlerAction;
  readonly version?: number;
  readonly reason?: string;
  readonly orgId?: number;
  readonly intoLetterId?: number;
  readonly days?: number;
  readonly text?: string;
}

export type MailboxInput = Partial<Pick<Mailbox, 'name' | 'description' | 'deadlineDays' | 'acceptDays' | 'reviewDays' | 'sortOrder' | 'isEnabled'>>;

export const lettersKeys = {
  all: ['letters'] as const,
  desk: (siteId: number | undefined, page: number) => ['letters', 'desk', siteId ?? 0, page] as const,
  unit: ['letters', 'unit'] as const,
  detail: (id: number) => ['letters', 'detail', id] as const,
  supervision: ['letters', 'supervision'] as const,
  sites: ['letters', 'sites'] as const,
  units: ['letters', 'units'] as const,
  mailboxes: (siteId: number) => ['letters', 'mailboxes', siteId] as const,
  templates: (siteId: number) => ['letters', 'templates', siteId] as const,
  letterTemplates: (id: number) => ['letters', 'letter-templates', id] as const,
};

/** A file the citizen sent; the server sends it as a download and audits the read. */
export function letterAttachmentUrl(letterId: number, attachmentId: number): string {
  return `/api/v1/letters/${letterId}/attachments/${attachmentId}`;
}

export const lettersApi = {
  desk: (siteId: number | undefined, page: number, pageSize: number) =>
    api.get<{ total: number; items: LetterListItem[] }>('/api/v1/letters', { siteId, page, pageSize, queue: 'desk' }),
  unit: () => api.get<{ items: UnitLetterItem[] }>('/api/v1/unit-letters'),
  detail: (id: number) => api.get<{ letter: LetterDetail }>(`/api/v1/letters/${id}`),
  act: (id: number, input: ActionInput) => api.post<{ status: string; version: number }>(`/api/v1/letters/${id}/actions`, input),
  decideExtension: (id: number, decision: 'approve' | 'reject', reason: string) =>
    api.post<{ status: string; version: number; dueAt: number }>(`/api/v1/letters/${id}/extension-decision`, { decision, ...(reason ? { reason } : {}) }),
  supervision: () => api.get<SupervisionView>('/api/v1/supervision/letters'),
  sites: () => api.get<{ items: { id: number; code: string; name: string }[] }>('/api/v1/interaction/sites'),
  units: () => api.get<{ items: { id: number; parentId: number | null; name: string }[] }>('/api/v1/handling-units'),
  mailboxes: (siteId: number) => api.get<{ items: Mailbox[] }>(`/api/v1/sites/${siteId}/mailboxes`),
  createMailbox: (siteId: number, input: MailboxInput & { kind: 'leader' | 'department'; name: string }) =>
    api.post<{ mailbox: Mailbox }>(`/api/v1/sites/${siteId}/mailboxes`, input),
  updateMailbox: (id: number, input: MailboxInput) => api.patch<{ mailbox: Mailbox }>(`/api/v1/mailboxes/${id}`, input),
  templates: (siteId: number) => api.get<{ items: ReplyTemplate[]; placeholders: string[] }>(`/api/v1/sites/${siteId}/reply-templates`),
  createTemplate: (siteId: number, input: { name: string; body: string; sortOrder?: number }) =>
    api.post<{ template: ReplyTemplate }>(`/api/v1/sites/${siteId}/reply-templates`, input),
  updateTemplate: (id: number, input: { name?: string; body?: string; sortOrder?: number }) =>
    api.patch<{ template: ReplyTemplate }>(`/api/v1/reply-templates/${id}`, input),
  deleteTemplate: (id: number) => api.delete<{ ok: boolean }>(`/api/v1/reply-templates/${id}`),
  letterTemplates: (id: number) => api.get<{ items: { id: number; name: string; text: string }[] }>(`/api/v1/letters/${id}/reply-templates`),
};
