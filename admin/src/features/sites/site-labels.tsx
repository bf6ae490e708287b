import { Tag } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { MessageKey } from '../../app/i18n/messages-zh';
import type { SiteKind, SiteStatus } from './sites-api';

export const KIND_LABEL: Readonly<Record<SiteKind, MessageKey>> = {
  province_portal: 'sites.kind.province_portal',
  city_portal: 'sites.kind.city_portal',
  county_portal: 'sites.kind.county_portal',
  department: 'sites.kind.department',
};

export const STATUS_LABEL: Readonly<Record<SiteStatus, MessageKey>> = {
  building: 'sites.status.building',
  open: 'sites.status.open',
  offline: 'sites.status.offline',
  closed: 'sites.status.closed',
};

const STATUS_COLOR: Readonly<Record<SiteStatus, string>> = { building: 'processing', open: 'success', offline: 'warning', closed: 'default' };

export function SiteStatusTag({ status }: { status: SiteStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOR[status]}>{t(STATUS_LABEL[status])}</Tag>;
}
