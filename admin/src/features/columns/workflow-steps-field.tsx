import { Button, Flex, Form, Input, Select, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../app/i18n/i18n-context';
import type { KindsReply } from './columns-api';

/**
 * The column's review chain: custom steps in order (name + role), then the secrecy review,
 * shown as a fixed last step because the workflow engine always appends it.
 */
export function WorkflowStepsField({ kinds, disabled }: { kinds: KindsReply; disabled: boolean }) {
  const { t } = useI18n();
  const roleOptions = kinds.workflowRoles.map((r) => ({ value: r.role, label: r.label }));
  return (
    <Form.Item label={t('columns.workflow')} extra={t('columns.workflowHelp', { max: kinds.maxWorkflowSteps })} required>
      <Form.List name="workflow">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((field, index) => (
              <Flex key={field.key} gap={8} align="start">
                <Tag style={{ marginTop: 5 }}>{index + 1}</Tag>
                <Form.Item
                  name={[field.name, 'name']}
                  style={{ flex: 1, marginBottom: 0 }}
                  rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('columns.stepName') }) }, { max: 20 }]}
                >
                  <Input aria-label={`${t('columns.stepName')} ${index + 1}`} placeholder={t('columns.stepName')} disabled={disabled} />
                </Form.Item>
                <Form.Item name={[field.name, 'role']} style={{ width: 160, marginBottom: 0 }} rules={[{ required: true }]}>
                  <Select aria-label={`${t('columns.stepRole')} ${index + 1}`} options={roleOptions} disabled={disabled} />
                </Form.Item>
                <Tooltip title={t('columns.removeStep')}>
                  <Button
                    aria-label={t('columns.removeStep')}
                    icon={<DeleteOutlined aria-hidden />}
                    disabled={disabled || fields.length <= 1}
                    onClick={() => remove(field.name)}
                  />
                </Tooltip>
              </Flex>
            ))}
            <Flex gap={8} align="center">
              <Tag icon={<LockOutlined aria-hidden />}>{fields.length + 1}</Tag>
              <Typography.Text>{kinds.secrecyStep.name}</Typography.Text>
              <Typography.Text type="secondary">{t('columns.fixedStep')}</Typography.Text>
            </Flex>
            {!disabled && (
              <Button
                type="dashed"
                icon={<PlusOutlined aria-hidden />}
                disabled={fields.length >= kinds.maxWorkflowSteps}
                onClick={() => add({ name: '', role: 'reviewer' })}
              >
                {t('columns.addStep')}
              </Button>
            )}
          </Flex>
        )}
      </Form.List>
    </Form.Item>
  );
}
