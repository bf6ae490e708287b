import { Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth-context';
import { useI18n } from '../i18n/i18n-context';
import { AppHeader } from './app-header';
import { AccountBanners, HealthBanner } from './banners';
import { NAV_ITEMS, activeNavPath } from './nav-items';

export function AppLayout() {
  const { me, can } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  // While the password or 2FA still has to be set, every other page is refused anyway.
  const restricted = !me || me.mustChangePassword || me.mfaSetupRequired;
  const items = restricted
    ? []
    : NAV_ITEMS.filter((item) => item.permission === null || can(item.permission)).map((item) => ({
        key: item.path,
        label: t(item.label),
      }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ borderBottom: '1px solid #f0f0f0' }}>
        <AppHeader />
      </Layout.Header>
      <Layout>
        {items.length > 0 && (
          <Layout.Sider width={200} style={{ borderRight: '1px solid #f0f0f0' }}>
            <nav aria-label={t('nav.menu')}>
              <Menu
                mode="inline"
                selectedKeys={[activeNavPath(location.pathname)]}
                items={items}
                onClick={({ key }) => void navigate(key)}
                style={{ borderInlineEnd: 'none' }}
              />
            </nav>
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: 24 }}>
          <HealthBanner />
          <AccountBanners />
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
