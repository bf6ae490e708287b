import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useLocation } from 'react-router';
import { api } from '../api-client';
import { useAuth } from '../auth-context';
import { formatDate } from '../format';
import { useI18n } from '../i18n/i18n-context';

interface Health {
  readonly status: string;
  readonly db: string;
  readonly calendar?: { readonly warning: string | null; readonly warningEn?: string | null };
}

const EXPIRY_NOTICE_MS = 14 * 24 * 3600 * 1000;

/** The platform warns loudly when a year has no working-day data (deadlines would be wrong). */
export function HealthBanner() {
  const { t, language } = useI18n();
  const { data } = useQuery({
    queryKey: ['healthz'],
    queryFn: () => api.get<Health>('/healthz'),
    refetchInterval: 5 * 60_000,
    retry: false,
  });
  const { pathname } = useLocation();
  const warning = (language === 'en' ? data?.calendar?.warningEn : null) ?? data?.calendar?.warning;
  // The calendar page shows the same warning next to the import form.
  if (!warning || pathname === '/calendar') return null;
  return <Alert type="warning" showIcon banner title={t('banner.calendar')} description={warning} style={{ marginBottom: 16 }} />;
}

export function AccountBanners() {
  const { me } = useAuth();
  const { t } = useI18n();
  if (!me) return null;
  if (me.mustChangePassword) return <Alert type="warning" showIcon title={t('banner.forcedPassword')} style={{ marginBottom: 16 }} />;
  if (me.mfaSetupRequired) return <Alert type="warning" showIcon title={t('banner.forcedMfa')} style={{ marginBottom: 16 }} />;
  const expires = me.passwordExpiresAt;
  if (expires !== null && expires - Date.now() < EXPIRY_NOTICE_MS) {
    return <Alert type="info" showIcon title={t('banner.passwordExpires', { date: formatDate(expires) })} style={{ marginBottom: 16 }} />;
  }
  return null;
}
