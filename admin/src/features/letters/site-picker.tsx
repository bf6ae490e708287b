import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { lettersApi, lettersKeys } from './letters-api';

/** The sites whose letters, mailboxes or templates the user keeps (their interaction scope). */
export function SitePicker({ value, onChange, allowAll }: { value: number | undefined; onChange: (id: number | undefined) => void; allowAll?: boolean }) {
  const { t } = useI18n();
  const sites = useQuery({ queryKey: lettersKeys.sites, queryFn: lettersApi.sites, staleTime: 300_000 });
  return (
    <Select<number>
      aria-label={t('letters.site')}
      placeholder={allowAll ? t('letters.allSites') : t('letters.pickSite')}
      allowClear={allowAll}
      showSearch
      optionFilterProp="label"
      style={{ width: 280 }}
      loading={sites.isFetching}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}

/** The first site in scope, for pages that need one chosen. */
export function useFirstSite(): number | undefined {
  const sites = useQuery({ queryKey: lettersKeys.sites, queryFn: lettersApi.sites, staleTime: 300_000 });
  return sites.data?.items[0]?.id;
}
