/**
 * The one way the console talks to /api/v1. It sends the UI language (so `detail` comes back
 * in it), the CSRF token on every state-changing request, and turns problem+json into ApiError.
 * The session cookie is HttpOnly and same-origin, so it travels by itself.
 */
import type { Language } from './i18n/language';

export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface Problem {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly title?: string;
  readonly errors?: readonly FieldProblem[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: readonly FieldProblem[];

  constructor(problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.detail = problem.detail;
    this.fieldErrors = problem.errors ?? [];
  }
}

export type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Readonly<Record<string, QueryValue>>;

interface ClientState {
  csrfToken: string | null;
  language: Language;
  onUnauthorized: (() => void) | null;
  onGate: (() => void) | null;
}

const state: ClientState = { csrfToken: null, language: 'zh-CN', onUnauthorized: null, onGate: null };

// Paths whose 401 is an answer (wrong password, no session yet), not a lost session.
const QUIET_401 = new Set(['/api/v1/auth/login', '/api/v1/auth/me']);
const GATE_CODES = new Set(['auth.password_change_required', 'auth.mfa_setup_required']);

const NETWORK_MESSAGE: Readonly<Record<Language, string>> = {
  'zh-CN': '无法连接服务器，请检查网络后重试',
  en: 'Cannot reach the server; check the network and retry',
};

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}

export function setApiLanguage(language: Language): void {
  state.language = language;
}

/** Called when any request finds the session gone (401): the auth context drops the user. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  state.onUnauthorized = handler;
}

/** Called when the server demands a password change or 2FA set-up first. */
export function setGateHandler(handler: (() => void) | null): void {
  state.onGate = handler;
}

export function buildUrl(path: string, query?: QueryParams): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function toProblem(status: number, body: unknown, fallback: string): Problem {
  if (body && typeof body === 'object' && 'code' in body) {
    const p = body as Partial<Problem>;
    return {
      status,
      code: String(p.code),
      detail: typeof p.detail === 'string' && p.detail ? p.detail : (p.title ?? fallback),
      ...(Array.isArray(p.errors) ? { errors: p.errors } : {}),
    };
  }
  return { status, code: `http.${status}`, detail: fallback };
}

async function request<T>(method: string, path: string, query?: QueryParams, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': state.language,
  };
  // FormData (file uploads) sets its own multipart content type with the boundary.
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  let res: Response;
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(body !== undefined ? { body: isForm ? body : JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError({ status: 0, code: 'network', detail: NETWORK_MESSAGE[state.language] });
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    const problem = toProblem(res.status, parsed, `${res.status} ${res.statusText}`);
    if (res.status === 401 && !QUIET_401.has(path)) state.onUnauthorized?.();
    if (res.status === 403 && GATE_CODES.has(problem.code)) state.onGate?.();
    throw new ApiError(problem);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams): Promise<T> => request<T>('GET', path, query),
  post: <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, undefined, body),
  patch: <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, undefined, body),
  put: <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, undefined, body),
  delete: <T>(path: string): Promise<T> => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData): Promise<T> => request<T>('POST', path, undefined, form),
};

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
