import { Alert, Button, Descriptions, Drawer, Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { problemText } from '../../app/problems';
import { sitesApi, sitesKeys, type SiteWarning, type Site } from './sites-api';
import { KIND_LABEL, SiteStatusTag } from './site-labels';

interface Props {
  readonly siteId: number;
  readonly warnings: readonly SiteWarning[];
  readonly onClose: () => void;
  readonly onEdit: (site: Site) => void;
  readonly onSettings: (site: Site) => void;
}

/** One site's registry record: identity, domains, filings, footer data; edit entries by permission. */
export function SiteDrawer({ siteId, warnings, onClose, onEdit, onSettings }: Props) {
  const { t } = useI18n();
  const { can } = useAuth();
  const query = useQuery({ queryKey: sitesKeys.one(siteId), queryFn: () => sitesApi.get(siteId), select: (r) => r.site });
  const site = query.data;
  const dash = (v: string | null | undefined) => (v ? v : '—');

  return (
    <Drawer
      open
      size={640}
      title={site?.name ?? t('common.loading')}
      onClose={onClose}
      loading={query.isLoading}
      extra={
        site && (
          <Flex gap={8}>
            {can('sites.settings') && <Button onClick={() => onSettings(site)}>{t('sites.settings')}</Button>}
            {can('sites.manage') && (
              <Button type="primary" onClick={() => onEdit(site)}>
                {t('sites.edit')}
              </Button>
            )}
          </Flex>
        )
      }
    >
      {query.isError && <Alert type="error" showIcon title={problemText(query.error, t('common.error'))} />}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('sites.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {warnings.map((w) => (
                <li key={`${w.field}-${w.code}`}>{w.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {site && (
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 150 } }}>
          <Descriptions.Item label={t('sites.code')}>
            <Typography.Text code copyable>
              {site.code}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('sites.kind')}>{t(KIND_LABEL[site.kind])}</Descriptions.Item>
          <Descriptions.Item label={t('sites.owner')}>{site.ownerOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('sites.statusLabel')}>
            <SiteStatusTag status={site.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('sites.primaryDomain')}>{site.primaryDomain}</Descriptions.Item>
          <Descriptions.Item label={t('sites.aliases')}>{site.aliases.length > 0 ? site.aliases.join('、') : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('sites.localDomain')}>
            <Typography.Link href={`http://${site.localDomain}:${window.location.port || '80'}/`} target="_blank" rel="noreferrer">
              {site.localDomain}
            </Typography.Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('sites.hostUnit')}>{site.hostUnit}</Descriptions.Item>
          <Descriptions.Item label={t('sites.icpNumber')}>{dash(site.icpNumber)}</Descriptions.Item>
          <Descriptions.Item label={t('sites.policeNumber')}>{dash(site.policeNumber)}</Descriptions.Item>
          <Descriptions.Item label={t('sites.contactPhone')}>{dash(site.contact.phone)}</Descriptions.Item>
          <Descriptions.Item label={t('sites.contactEmail')}>{dash(site.contact.email)}</Descriptions.Item>
          <Descriptions.Item label={t('sites.contactAddress')}>{dash(site.contact.address)}</Descriptions.Item>
          <Descriptions.Item label={t('sites.logoUrl')}>{dash(site.logoUrl)}</Descriptions.Item>
          <Descriptions.Item label={t('sites.updatedAt')}>{formatTime(site.updatedAt)}</Descriptions.Item>
        </Descriptions>
      )}
    </Drawer>
  );
}
