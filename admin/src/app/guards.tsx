import { Button, Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useAuth } from './auth-context';
import { useI18n } from './i18n/i18n-context';
import { problemText } from './problems';
import { StatusPage } from './status-page';

export const PASSWORD_PATH = '/account/password';
export const TOTP_PATH = '/account/totp';

export function PageSpinner() {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: 64 }}>
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/**
 * Signed-in area. Until the password is changed or 2FA set up, the server refuses everything
 * else, so the console sends the user straight to the page that lifts the restriction.
 */
export function RequireSession() {
  const { me, isLoading, loadError, refresh } = useAuth();
  const location = useLocation();
  const { t } = useI18n();
  if (isLoading) return <PageSpinner />;
  if (!me && loadError) {
    return (
      <StatusPage
        title={t('common.error')}
        text={problemText(loadError, t('common.error'))}
        extra={<Button onClick={() => void refresh()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me) {
    const from = `${location.pathname}${location.search}`;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  if (me.mustChangePassword && location.pathname !== PASSWORD_PATH) return <Navigate to={PASSWORD_PATH} replace />;
  if (!me.mustChangePassword && me.mfaSetupRequired && location.pathname !== TOTP_PATH) {
    return <Navigate to={TOTP_PATH} replace />;
  }
  return <Outlet />;
}

export function Forbidden() {
  const { t } = useI18n();
  return <StatusPage title={t('common.forbidden')} text={t('common.forbiddenText')} />;
}

export function RequirePermission({ permission }: { permission: string }) {
  const { can } = useAuth();
  return can(permission) ? <Outlet /> : <Forbidden />;
}
