import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../app/i18n/i18n-context';
import type { Site } from './sites-api';
import { KIND_LABEL, SiteStatusTag } from './site-labels';

interface Props {
  readonly loading: boolean;
  readonly items: readonly Site[];
  readonly onOpen: (site: Site) => void;
}

export function SiteTable({ loading, items, onOpen }: Props) {
  const { t } = useI18n();
  const columns: ColumnsType<Site> = [
    {
      title: t('sites.name'),
      key: 'name',
      render: (_, s) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => onOpen(s)}>
          {s.name}
        </Button>
      ),
    },
    { title: t('sites.code'), dataIndex: 'code', key: 'code', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
    { title: t('sites.kind'), key: 'kind', render: (_, s) => t(KIND_LABEL[s.kind]) },
    { title: t('sites.primaryDomain'), dataIndex: 'primaryDomain', key: 'domain' },
    { title: t('sites.owner'), dataIndex: 'ownerOrgName', key: 'owner' },
    { title: t('sites.statusLabel'), key: 'status', render: (_, s) => <SiteStatusTag status={s.status} /> },
  ];
  return (
    <Table<Site>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={[...items]}
      loading={loading}
      pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => t('common.total', { n }) }}
    />
  );
}
