import { useMemo, useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Spin, Tree, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useAuth } from '../../app/auth-context';
import { useI18n } from '../../app/i18n/i18n-context';
import { useOrgs, type Org } from './identity-api';
import { OrgCreateModal } from './org-create-modal';
import { buildOrgTree } from './org-tree';

function OrgDetails({ org, parent }: { org: Org; parent: Org | undefined }) {
  const { t } = useI18n();
  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      items={[
        { key: 'name', label: t('orgs.name'), children: org.name },
        { key: 'code', label: t('orgs.code'), children: org.code },
        { key: 'kind', label: t('orgs.kind'), children: t(`orgs.kind.${org.kind}`) },
        { key: 'level', label: t('orgs.level'), children: org.level },
        { key: 'division', label: t('orgs.divisionCode'), children: org.divisionCode ?? '—' },
        { key: 'parent', label: t('orgs.parent'), children: parent?.name ?? '—' },
      ]}
    />
  );
}

export function OrgsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const orgs = useOrgs();
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const tree = useMemo(() => buildOrgTree(orgs.data ?? []), [orgs.data]);
  const byId = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o])), [orgs.data]);
  const current = selected === null ? undefined : byId.get(selected);
  // Province and cities open; deeper levels (counties, townships) on demand.
  const expandedByDefault = useMemo(() => [...tree.map((n) => n.key), ...tree.flatMap((n) => n.children.map((c) => c.key))], [tree]);

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
          {t('orgs.title')}
        </Typography.Title>
        {can('identity.orgs.manage') && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('orgs.create')}
          </Button>
        )}
      </Flex>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Card title={t('orgs.tree')}>
            {orgs.isLoading ? (
              <Spin />
            ) : (
              <Tree
                aria-label={t('orgs.tree')}
                treeData={tree}
                defaultExpandedKeys={expandedByDefault}
                selectedKeys={selected === null ? [] : [selected]}
                onSelect={(keys) => setSelected(keys.length > 0 ? Number(keys[0]) : null)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14}>
          <Card>
            {current ? (
              <OrgDetails org={current} parent={current.parentId === null ? undefined : byId.get(current.parentId)} />
            ) : (
              <Empty description={t('orgs.selectHint')} />
            )}
          </Card>
        </Col>
      </Row>
      {creating && <OrgCreateModal defaultParentId={selected} onClose={() => setCreating(false)} />}
    </Flex>
  );
}
