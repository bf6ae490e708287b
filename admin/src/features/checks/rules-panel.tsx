import { useState } from 'react';
import { App, Button, Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { checksApi, checksKeys, RULE_SEVERITIES, type CheckRule, type RuleSeverity } from './checks-api';
import { SeverityTag } from './severity-tag';

/** One severity per rule: block publication, warn, or off. Changes are saved together. */
export function RulesPanel({ canManage }: { readonly canManage: boolean }) {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: checksKeys.rules, queryFn: checksApi.rules });
  const [draft, setDraft] = useState<Record<string, RuleSeverity>>({});
  const en = language === 'en';

  const save = useMutation({
    mutationFn: () => checksApi.setRules(draft),
    onSuccess: (r) => {
      queryClient.setQueryData(checksKeys.rules, r);
      setDraft({});
      void message.success(t('checks.rulesSaved'));
    },
    onError: (e) => showProblem(e),
  });

  const columns: ColumnsType<CheckRule> = [
    {
      title: t('checks.rule'), key: 'rule',
      render: (_, r) => (
        <Flex vertical>
          <Typography.Text strong>{en ? r.nameEn : r.name}</Typography.Text>
          <Typography.Text type="secondary">{en ? r.descriptionEn : r.description}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('checks.ruleSeverity'), key: 'severity', width: 200,
      render: (_, r) => canManage ? (
        <Select<RuleSeverity>
          aria-label={`${en ? r.nameEn : r.name} ${t('checks.ruleSeverity')}`}
          value={draft[r.rule] ?? r.severity}
          onChange={(v) => setDraft((d) => ({ ...d, [r.rule]: v }))}
          options={RULE_SEVERITIES.map((s) => ({ value: s, label: t(`checks.severity.${s}`) }))}
          style={{ width: 160 }}
        />
      ) : <SeverityTag severity={r.severity} />,
    },
    { title: t('checks.default'), key: 'default', render: (_, r) => <SeverityTag severity={r.defaultSeverity} /> },
    { title: t('checks.updatedAt'), key: 'updatedAt', render: (_, r) => (r.updatedAt === null ? t('checks.isDefault') : formatTime(r.updatedAt)) },
  ];
  const changed = Object.keys(draft).length;

  return (
    <Flex vertical gap={12}>
      <Table<CheckRule> rowKey="rule" size="middle" columns={columns} dataSource={[...(rules.data?.items ?? [])]} loading={rules.isLoading} pagination={false} scroll={{ x: 'max-content' }} />
      {canManage && (
        <Flex gap={8} justify="flex-end">
          <Button disabled={changed === 0} onClick={() => setDraft({})}>{t('common.reset')}</Button>
          <Button type="primary" disabled={changed === 0} loading={save.isPending} onClick={() => save.mutate()}>
            {t('checks.saveRules', { n: changed })}
          </Button>
        </Flex>
      )}
    </Flex>
  );
}
