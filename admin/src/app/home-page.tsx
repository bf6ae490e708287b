import { Button, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth } from './auth-context';
import { formatTime } from './format';
import { useI18n } from './i18n/i18n-context';
import { NAV_ITEMS } from './layout/nav-items';

export function HomePage() {
  const { me, can } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();
  if (!me) return null;
  const shortcuts = NAV_ITEMS.filter((item) => item.path !== '/' && item.permission !== null && can(item.permission));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Card>
        <Descriptions
          column={1}
          items={[
            { key: 'org', label: t('home.org'), children: me.orgName ?? '—' },
            {
              key: 'roles',
              label: t('home.roles'),
              children:
                me.roles.length === 0 ? (
                  t('home.noRoles')
                ) : (
                  <Flex wrap gap={4}>
                    {me.roles.map((r) => (
                      <Tag key={`${r.role}:${r.scopeType}:${r.scopeId ?? ''}`} color="processing">
                        {r.roleLabel}
                        {r.scopeName ? ` · ${r.scopeName}` : ''}
                      </Tag>
                    ))}
                  </Flex>
                ),
            },
            { key: 'totp', label: t('home.totp'), children: me.totpEnabled ? t('users.totpOn') : t('users.totpOff') },
            {
              key: 'expires',
              label: t('home.passwordExpiresAt'),
              children: me.passwordExpiresAt === null ? t('home.never') : formatTime(me.passwordExpiresAt),
            },
          ]}
        />
      </Card>
      {shortcuts.length > 0 && (
        <Card title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t('home.shortcuts')}</Typography.Title>}>
          <Flex wrap gap={12}>
            {shortcuts.map((item) => (
              <Button key={item.path} onClick={() => void navigate(item.path)}>
                {t(item.label)}
              </Button>
            ))}
          </Flex>
        </Card>
      )}
    </Space>
  );
}
