import { Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth-context';
import { useI18n } from '../i18n/i18n-context';
import { AppHeader } from './app-header';
import { AccountBanners, HealthBanner } from './banners';
import { NAV_GROUPS, NAV_ITEMS, activeNavPath, type NavItem } from './nav-items';
import type { MessageKey } from '../i18n/messages-zh';

export function AppLayout() {
  const { me, can } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  // While the password or 2FA still has to be set, every other page is refused anyway.
  const restricted = !me || me.mustChangePassword || me.mfaSetupRequired;
  const items = restricted ? [] : menuItems(NAV_ITEMS.filter((item) => item.permission === null || can(item.permission)), t);
  const active = activeNavPath(location.pathname);

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
                selectedKeys={[active]}
                // Submenus start open: every entry stays one click away, as before there were groups.
                defaultOpenKeys={Object.keys(NAV_GROUPS).map((g) => `group:${g}`)}
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

type MenuEntry = { key: string; label: string; children?: MenuEntry[] };

/** Top-level entries in order; a group's entries under one submenu, placed where its first entry is. */
function menuItems(visible: readonly NavItem[], t: (key: MessageKey) => string): MenuEntry[] {
  const out: MenuEntry[] = [];
  const groups = new Map<string, MenuEntry>();
  for (const item of visible) {
    const entry = { key: item.path, label: t(item.label) };
    if (!item.group) {
      out.push(entry);
      continue;
    }
    let group = groups.get(item.group);
    if (!group) {
      group = { key: `group:${item.group}`, label: t(NAV_GROUPS[item.group]), children: [] };
      groups.set(item.group, group);
      out.push(group);
    }
    group.children!.push(entry);
  }
  return out;
}
