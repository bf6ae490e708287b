import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import { useOrgs } from './identity-api';
import { buildOrgTree } from './org-tree';

interface Props {
  readonly id?: string;
  readonly value?: number | null;
  readonly onChange?: (value: number | undefined) => void;
  readonly allowClear?: boolean;
  readonly placeholder?: string;
  readonly 'aria-label'?: string;
  readonly style?: CSSProperties;
}

/** Organization picker; works as a Form.Item child (value/onChange/id come from the form). */
export function OrgSelect({ id, value, onChange, allowClear, placeholder, style, ...rest }: Props) {
  const { t } = useI18n();
  const orgs = useOrgs();
  const tree = useMemo(() => buildOrgTree(orgs.data ?? []), [orgs.data]);
  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: number | undefined) => onChange?.(v)}
      treeData={tree}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={orgs.isLoading}
      notFoundContent={orgs.isLoading ? t('common.loading') : undefined}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
