import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { problemText } from '../../app/problems';
import { OrgSelect } from '../identity/org-select';
import { SITE_KINDS, SITE_STATUSES, sitesApi, sitesKeys, type Site, type SiteInput, type SiteKind, type SiteStatus, type SiteWarning } from './sites-api';
import { applySiteFieldErrors } from './site-field-errors';
import { KIND_LABEL, STATUS_LABEL } from './site-labels';

interface Values {
  kind: SiteKind;
  ownerOrgId: number;
  name: string;
  code: string;
  primaryDomain: string;
  aliases?: string[];
  icpNumber?: string;
  policeNumber?: string;
  hostUnit?: string;
  contact?: { phone?: string; email?: string; address?: string };
  logoUrl?: string;
  status: SiteStatus;
}

const FIELDS = ['kind', 'ownerOrgId', 'name', 'code', 'primaryDomain', 'aliases', 'icpNumber', 'policeNumber', 'hostUnit', 'contact.phone', 'contact.email', 'contact.address', 'logoUrl', 'status'];

interface Props {
  /** null = register a new site. */
  readonly site: Site | null;
  readonly onClose: () => void;
  readonly onSaved: (site: Site, warnings: readonly SiteWarning[]) => void;
}

const text = (v: string | undefined) => (v ?? '').trim();
const orNull = (v: string | undefined) => (text(v) ? text(v) : null);

function toInput(v: Values): SiteInput {
  return {
    kind: v.kind, ownerOrgId: v.ownerOrgId, name: text(v.name), code: text(v.code), primaryDomain: text(v.primaryDomain),
    aliases: (v.aliases ?? []).map((a) => a.trim()).filter(Boolean), icpNumber: orNull(v.icpNumber), policeNumber: orNull(v.policeNumber),
    hostUnit: text(v.hostUnit), contact: { phone: text(v.contact?.phone), email: text(v.contact?.email), address: text(v.contact?.address) },
    logoUrl: orNull(v.logoUrl), status: v.status,
  };
}

/** Register or change a site (platform admin). Rules are the server's; its field errors land beside each field. */
export function SiteFormModal({ site, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const isNew = site === null;

  const save = useMutation({
    mutationFn: (v: Values) => {
      const input = toInput(v);
      if (!isNew) return sitesApi.update(site.id, input);
      // Left empty, the host unit defaults to the owner organization (server side).
      const { hostUnit, ...rest } = input;
      return sitesApi.create(hostUnit ? input : rest);
    },
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: sitesKeys.all });
      void message.success(t(isNew ? 'sites.created' : 'sites.updated', { name: r.site.name }));
      onSaved(r.site, r.warnings);
    },
    onError: (e) => {
      applySiteFieldErrors(form, e, FIELDS);
      void message.error(problemText(e, t('common.error')));
    },
  });

  const required = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label }) });
  const initial: Partial<Values> = site
    ? {
        kind: site.kind, ownerOrgId: site.ownerOrgId, name: site.name, code: site.code, primaryDomain: site.primaryDomain, aliases: [...site.aliases],
        icpNumber: site.icpNumber ?? '', policeNumber: site.policeNumber ?? '', hostUnit: site.hostUnit, contact: { ...site.contact },
        logoUrl: site.logoUrl ?? '', status: site.status,
      }
    : { kind: 'department', status: 'building', aliases: [] };

  return (
    <Modal
      open
      width={760}
      title={isNew ? t('sites.create') : t('sites.editTitle', { name: site.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} name="site" layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="kind" label={t('sites.kind')} rules={[{ required: true, message: t('common.required', { field: t('sites.kind') }) }]}>
              <Select options={SITE_KINDS.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="ownerOrgId" label={t('sites.owner')} extra={t('sites.ownerHint')} rules={[{ required: true, message: t('common.required', { field: t('sites.owner') }) }]}>
              <OrgSelect />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('sites.name')} rules={[required(t('sites.name'))]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('sites.code')}
              extra={t('sites.codeHint')}
              rules={[required(t('sites.code')), { pattern: /^(\d{10}|bm\d{8})$/, message: t('sites.codeFormat') }]}
            >
              <Input maxLength={10} style={{ fontFamily: 'monospace' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="primaryDomain" label={t('sites.primaryDomain')} extra={t('sites.domainHint')} rules={[required(t('sites.primaryDomain'))]}>
              <Input placeholder="www.example.gov.cn" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="aliases" label={t('sites.aliases')} extra={t('sites.aliasesHint')}>
              <Select mode="tags" tokenSeparators={[',', ' ', '，']} open={false} suffixIcon={null} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="icpNumber" label={t('sites.icpNumber')}>
              <Input placeholder="苏ICP备05000001号" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="policeNumber" label={t('sites.policeNumber')}>
              <Input placeholder="苏公网安备 32010202010001号" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="hostUnit" label={t('sites.hostUnit')} extra={isNew ? t('sites.hostUnitHint') : undefined} rules={isNew ? [] : [required(t('sites.hostUnit'))]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label={t('sites.statusLabel')}>
              <Select options={SITE_STATUSES.map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))} />
            </Form.Item>
          </Col>
        </Row>
        <ContactFields />
        <Form.Item name="logoUrl" label={t('sites.logoUrl')}>
          <Input placeholder="https://…/logo.png" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Phone, email and address of the site (shown in the public footer). */
export function ContactFields() {
  const { t } = useI18n();
  return (
    <Row gutter={16}>
      <Col span={8}>
        <Form.Item name={['contact', 'phone']} label={t('sites.contactPhone')}>
          <Input placeholder="025-83391234" />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={['contact', 'email']} label={t('sites.contactEmail')} rules={[{ type: 'email', message: t('sites.emailFormat') }]}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={['contact', 'address']} label={t('sites.contactAddress')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}
