import { App, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { problemText } from '../../app/problems';
import { sitesApi, sitesKeys, type Site } from './sites-api';
import { applySiteFieldErrors } from './site-field-errors';
import { ContactFields } from './site-form-modal';

interface Values {
  name: string;
  logoUrl?: string;
  contact?: { phone?: string; email?: string; address?: string };
}

const FIELDS = ['name', 'logoUrl', 'contact.phone', 'contact.email', 'contact.address'];

/** What a site's own administrator may change: name, logo and contact (sites.settings). */
export function SiteSettingsModal({ site, onClose }: { site: Site; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();

  const save = useMutation({
    mutationFn: (v: Values) =>
      sitesApi.updateSettings(site.id, {
        name: v.name.trim(),
        logoUrl: v.logoUrl?.trim() ? v.logoUrl.trim() : null,
        contact: { phone: v.contact?.phone?.trim() ?? '', email: v.contact?.email?.trim() ?? '', address: v.contact?.address?.trim() ?? '' },
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: sitesKeys.all });
      void message.success(t('sites.updated', { name: r.site.name }));
      onClose();
    },
    onError: (e) => {
      applySiteFieldErrors(form, e, FIELDS);
      void message.error(problemText(e, t('common.error')));
    },
  });

  return (
    <Modal
      open
      width={680}
      title={t('sites.settingsTitle', { name: site.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        name="site-settings"
        layout="vertical"
        initialValues={{ name: site.name, logoUrl: site.logoUrl ?? '', contact: { ...site.contact } }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="name" label={t('sites.name')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('sites.name') }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="logoUrl" label={t('sites.logoUrl')}>
          <Input placeholder="https://…/logo.png" />
        </Form.Item>
        <ContactFields />
      </Form>
    </Modal>
  );
}
