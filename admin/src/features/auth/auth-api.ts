import { api } from '../../app/api-client';
import type { Session } from '../../app/session-types';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly totp?: string;
  readonly recoveryCode?: string;
}

export interface TotpSetup {
  readonly secret: string;
  readonly otpauthUri: string;
  readonly qrDataUrl: string;
}

export const authApi = {
  login: (input: LoginInput) => api.post<Session>('/api/v1/auth/login', input),
  changePassword: (input: { currentPassword: string; newPassword: string }) =>
    api.post<{ ok: true }>('/api/v1/auth/password', input),
  setupTotp: () => api.post<TotpSetup>('/api/v1/auth/totp/setup'),
  enableTotp: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/v1/auth/totp/enable', { code }),
};
