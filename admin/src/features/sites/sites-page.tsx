import { useState } from 'react';
import { Button, Card, Flex, Input, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { SITE_KINDS, SITE_STATUSES, sitesApi, sitesKeys, type Site, type SiteKind, type SiteStatus, type SiteWarning } from './sites-api';
import { KIND_LABEL, STATUS_LABEL } from './site-labels';
import { SiteTable } from './site-table';
import { SiteDrawer } from './site-drawer';
import { SiteFormModal } from './site-form-modal';
import { SiteSettingsModal } from './site-settings-modal';

/** 网站管理: the registry of every site the user may see, with registration and editing by permission. */
export function SitesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<SiteKind | undefined>(undefined);
  const [status, setStatus] = useState<SiteStatus | undefined>(undefined);
  const [openId, setOpenId] = useState<number | null>(null);
  const [warnings, setWarnings] = useState<readonly SiteWarning[]>([]);
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [settings, setSettings] = useState<Site | null>(null);

  const params = { q: q || undefined, kind, status };
  const sites = useQuery({ queryKey: sitesKeys.list(params), queryFn: () => sitesApi.list(params), placeholderData: keepPreviousData });

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('sites.title')}
        </Typography.Title>
        {can('sites.manage') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
            {t('sites.create')}
          </Button>
        )}
      </Flex>
      <Card size="small">
        <Flex gap={12} wrap>
          <Input.Search
            aria-label={t('sites.search')}
            placeholder={t('sites.searchPlaceholder')}
            enterButton={t('common.search')}
            allowClear
            onSearch={(value) => setQ(value.trim())}
            style={{ width: 320 }}
          />
          <Select<SiteKind>
            aria-label={t('sites.kind')}
            placeholder={t('sites.kind')}
            allowClear
            value={kind}
            onChange={setKind}
            options={SITE_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
            style={{ width: 220 }}
          />
          <Select<SiteStatus>
            aria-label={t('sites.statusLabel')}
            placeholder={t('sites.statusLabel')}
            allowClear
            value={status}
            onChange={setStatus}
            options={SITE_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))}
            style={{ width: 160 }}
          />
        </Flex>
      </Card>
      <SiteTable
        loading={sites.isFetching}
        items={sites.data?.items ?? []}
        onOpen={(s) => {
          setWarnings([]);
          setOpenId(s.id);
        }}
      />
      {openId !== null && (
        <SiteDrawer siteId={openId} warnings={warnings} onClose={() => setOpenId(null)} onEdit={setEditing} onSettings={setSettings} />
      )}
      {editing !== null && (
        <SiteFormModal
          site={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(site, w) => {
            setEditing(null);
            setWarnings(w);
            setOpenId(site.id);
          }}
        />
      )}
      {settings && <SiteSettingsModal site={settings} onClose={() => setSettings(null)} />}
    </Flex>
  );
}
