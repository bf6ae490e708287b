import { Tag } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { RuleSeverity } from './checks-api';

const COLOR: Readonly<Record<RuleSeverity, string>> = { block: 'error', warn: 'warning', off: 'default' };

export function SeverityTag({ severity }: { readonly severity: RuleSeverity }) {
  const { t } = useI18n();
  return <Tag color={COLOR[severity]}>{t(`checks.severity.${severity}`)}</Tag>;
}
