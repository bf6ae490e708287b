import { useState } from 'react';
import { Alert, App, Button, Form, InputNumber, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { applyFieldErrors, problemText } from '../../app/problems';
import type { ScopeType } from '../../app/session-types';
import { identityApi, useRoles, type NewGrant } from './identity-api';
import { OrgSelect } from './org-select';

interface Values {
  role?: string;
  scopeType?: ScopeType;
  scopeId?: number;
}

/**
 * Grants a role on a scope. The server alone decides what is allowed (三员 separation, scope
 * limits); a refusal is shown in full, in the server's words, next to the form.
 */
export function GrantForm({ userId, onGranted }: { userId: number; onGranted: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const roles = useRoles();
  const [form] = Form.useForm<Values>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const scopeType = Form.useWatch('scopeType', form);
  const scopes = roles.data?.find((r) => r.role === role)?.scopes ?? [];

  const grant = useMutation({
    mutationFn: (input: NewGrant) => identityApi.grant(input),
    onSuccess: (_, input) => {
      setRefusal(null);
      const label = roles.data?.find((r) => r.role === input.role)?.label ?? input.role;
      void message.success(t('grants.granted', { role: label }));
      form.resetFields();
      onGranted();
    },
    onError: (e) => {
      applyFieldErrors(form, e);
      setRefusal(problemText(e, t('common.error')));
    },
  });

  const submit = (v: Values) => {
    if (!v.role || !v.scopeType) return;
    setRefusal(null);
    grant.mutate({
      userId,
      role: v.role,
      scopeType: v.scopeType,
      ...(v.scopeType !== 'platform' && v.scopeId !== undefined ? { scopeId: v.scopeId } : {}),
    });
  };

  const required = (label: string) => ({ required: true, message: t('common.required', { field: label }) });

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('grants.new')}
      </Typography.Title>
      {refusal && <Alert type="error" showIcon title={t('grants.refused')} description={refusal} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        name="grant"
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Values) => {
          if ('role' in changed) {
            const first = roles.data?.find((r) => r.role === changed.role)?.scopes[0];
            form.setFieldsValue({ scopeType: first, scopeId: undefined });
          }
          if ('scopeType' in changed) form.setFieldsValue({ scopeId: undefined });
        }}
      >
        <Form.Item name="role" label={t('grants.role')} rules={[required(t('grants.role'))]}>
          <Select
            loading={roles.isLoading}
            options={(roles.data ?? []).map((r) => ({ value: r.role, label: r.label }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="scopeType" label={t('grants.scopeType')} rules={[required(t('grants.scopeType'))]}>
          <Select disabled={!role} options={scopes.map((s) => ({ value: s, label: t(`scope.${s}`) }))} />
        </Form.Item>
        {scopeType === 'org' && (
          <Form.Item name="scopeId" label={t('grants.org')} rules={[required(t('grants.org'))]}>
            <OrgSelect />
          </Form.Item>
        )}
        {(scopeType === 'site' || scopeType === 'column') && (
          <Form.Item
            name="scopeId"
            label={scopeType === 'site' ? t('grants.siteId') : t('grants.columnId')}
            rules={[required(scopeType === 'site' ? t('grants.siteId') : t('grants.columnId'))]}
          >
            <InputNumber min={1} precision={0} style={{ width: 200 }} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={grant.isPending}>
          {t('grants.submit')}
        </Button>
      </Form>
    </>
  );
}
