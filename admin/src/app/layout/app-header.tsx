import { App, Button, Dropdown, Flex, Typography } from 'antd';
import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth-context';
import { useI18n } from '../i18n/i18n-context';
import { PASSWORD_PATH, TOTP_PATH } from '../guards';
import { useShowProblem } from '../problems';
import { LanguageSwitch } from './language-switch';

export function AppHeader() {
  const { me, signOut } = useAuth();
  const { t } = useI18n();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const showProblem = useShowProblem();

  const logout = (everywhere: boolean) => {
    signOut(everywhere)
      .catch(showProblem)
      .finally(() => void navigate('/login', { replace: true }));
  };

  const confirmLogoutAll = () => {
    modal.confirm({
      title: t('header.logoutAll'),
      content: t('header.logoutAllConfirm'),
      okText: t('common.ok'),
      cancelText: t('common.cancel'),
      onOk: () => logout(true),
    });
  };

  const accountItems = [
    { key: 'password', label: t('header.changePassword'), onClick: () => void navigate(PASSWORD_PATH) },
    { key: 'totp', label: t('header.totp'), onClick: () => void navigate(TOTP_PATH) },
    { type: 'divider' as const },
    { key: 'logout-all', label: t('header.logoutAll'), danger: true, onClick: confirmLogoutAll },
  ];

  return (
    <Flex align="center" justify="space-between" gap={16} style={{ height: '100%' }}>
      <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
        {t('app.title')}
      </Typography.Text>
      <Flex align="center" gap={12} wrap={false}>
        {me && (
          <Typography.Text style={{ whiteSpace: 'nowrap' }}>
            <UserOutlined aria-hidden /> {me.displayName}
            {me.orgName ? <Typography.Text type="secondary">（{me.orgName}）</Typography.Text> : null}
          </Typography.Text>
        )}
        <LanguageSwitch />
        <Dropdown menu={{ items: accountItems }} trigger={['click']}>
          <Button>
            {t('header.account')} <DownOutlined aria-hidden />
          </Button>
        </Dropdown>
        <Button icon={<LogoutOutlined aria-hidden />} onClick={() => logout(false)}>
          {t('header.logout')}
        </Button>
      </Flex>
    </Flex>
  );
}
