import { Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth-context';
import { useI18n } from '../i18n/i18n-context';
import { AppHeader } from './app-header';
import { AccountBanners, HealthBanner } from './banners';
import type { MessageKey } from '../i18n/messages-zh';
import { NAV_ITEMS, activeNavPath, type NavItem } from './nav-items';

type MenuEntry = { key: string; label: string; children?: MenuEntry[] };

/** Top-level entries in order; grouped ones gather in a submenu placed where the group's first entry is. */
function menuItems(visible: readonly NavItem[], t: (key: MessageKey) => string): MenuEntry[] {
  const out: MenuEntry[] = [];
  const groups = new Map<string, MenuEntry[]>();
  for (const item of visible) {
    const entry = { key: item.path, label: t(item.label) };
    if (!item.group) {
      out.push(entry);
      continue;
    }
    let children = groups.get(item.group);
    if (!children) {
      children = [];
      groups.set(item.group, children);
      out.push({ key: item.group, label: t(`nav.${item.group}`), children });
    }
    children.push(entry);
  }
  return out;
}

export function AppLayout() {
  const { me, can } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  // While the password or 2FA still has to be set, every other page is refused anyway.
  const restricted = !me || me.mustChangePassword || me.mfaSetupRequired;
  const items = restricted ? [] : menuItems(NAV_ITEMS.filter((item) => item.permission === null || can(item.permission)), t);
  const openGroup = NAV_ITEMS.find((i) => i.path === activeNavPath(location.pathname))?.group;

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
                defaultOpenKeys={openGroup ? [openGroup] : []}
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
