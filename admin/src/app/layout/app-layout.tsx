import { Layout, Menu } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth-context';
import { useI18n } from '../i18n/i18n-context';
import { AppHeader } from './app-header';
import { AccountBanners, HealthBanner } from './banners';
import type { ItemType, SubMenuType } from 'antd/es/menu/interface';
import { NAV_GROUPS, NAV_ITEMS, activeNavPath } from './nav-items';

export function AppLayout() {
  const { me, can } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  // While the password or 2FA still has to be set, every other page is refused anyway.
  const restricted = !me || me.mustChangePassword || me.mfaSetupRequired;
  const visible = restricted ? [] : NAV_ITEMS.filter((item) => item.permission === null || can(item.permission));
  // Grouped entries go under their group's submenu, placed where the group's first entry is.
  const items: ItemType[] = [];
  for (const item of visible) {
    const entry = { key: item.path, label: t(item.label) };
    if (!item.group) { items.push(entry); continue; }
    const key = `group:${item.group}`;
    const group = items.find((i): i is SubMenuType => i?.key === key);
    if (group) group.children.push(entry);
    else items.push({ key, label: t(NAV_GROUPS[item.group]), children: [entry] });
  }
  const openGroup = visible.find((i) => i.path === activeNavPath(location.pathname))?.group;

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
                defaultOpenKeys={openGroup ? [`group:${openGroup}`] : []}
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
