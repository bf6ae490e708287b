import { Alert, Card, Flex, Tabs, Typography } from 'antd';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { DictionaryPanel } from './dictionary-panel';
import { RulesPanel } from './rules-panel';

/** Machine checks before publishing: the dictionary of wrong and banned expressions, and rule severities. */
export function ChecksPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const canManage = can('checks.manage');
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('checks.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('checks.intro')} />
      <Card>
        <Tabs
          items={[
            { key: 'dictionary', label: t('checks.dictionary'), children: <DictionaryPanel canManage={canManage} /> },
            { key: 'rules', label: t('checks.rules'), children: <RulesPanel canManage={canManage} /> },
          ]}
        />
      </Card>
    </Flex>
  );
}
