import { App, Button, Popconfirm, Table, Typography, Upload } from 'antd';
import { DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { formatTime } from '../../app/format';
import { useShowProblem } from '../../app/problems';
import { documentKeys, documentsApi, downloadUrl, type Attachment, type DocumentOptions } from './documents-api';

function size(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MiB` : n >= 1024 ? `${Math.round(n / 1024)} KiB` : `${n} B`;
}

/**
 * 附件: upload (type and size checked by the server from the bytes), download, and delete
 * while the edition is a draft. Uploading to a published document starts a new draft edition.
 */
export function AttachmentsPanel({ documentId, attachments, canEdit, canDelete, options }: {
  documentId: number; attachments: readonly Attachment[]; canEdit: boolean; canDelete: boolean; options: DocumentOptions | undefined;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: documentKeys.detail(documentId) });
    void queryClient.invalidateQueries({ queryKey: documentKeys.editions(documentId) });
  };
  const upload = useMutation({
    mutationFn: (file: File) => documentsApi.upload(documentId, file),
    onSuccess: (r) => { void message.success(t('documents.attachments.uploaded', { name: r.attachment.originalName })); refresh(); },
    onError: (e) => showProblem(e),
  });
  const remove = useMutation({
    mutationFn: (id: number) => documentsApi.removeAttachment(id),
    onSuccess: refresh,
    onError: (e) => showProblem(e),
  });
  const accept = (options?.attachmentExtensions ?? []).map((x) => `.${x}`).join(',');

  return (
    <>
      {canEdit && (
        <div style={{ marginBottom: 12 }}>
          <Upload accept={accept} showUploadList={false} customRequest={({ file }) => { if (file instanceof File) upload.mutate(file); }}>
            <Button icon={<UploadOutlined aria-hidden />} loading={upload.isPending}>{t('documents.attachments.upload')}</Button>
          </Upload>
          <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
            {t('documents.attachments.allowed', { types: (options?.attachmentExtensions ?? []).join('、'), limit: size(options?.uploadMaxBytes ?? 0) })}
          </Typography.Text>
        </div>
      )}
      <Table<Attachment>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={[...attachments]}
        locale={{ emptyText: t('documents.attachments.empty') }}
        columns={[
          { title: t('documents.attachments.name'), dataIndex: 'originalName' },
          { title: t('documents.attachments.size'), dataIndex: 'size', width: 110, render: (n: number) => size(n) },
          { title: 'SM3', dataIndex: 'sm3', width: 150, render: (h: string) => <Typography.Text code copyable={{ text: h }}>{h.slice(0, 12)}…</Typography.Text> },
          { title: t('documents.attachments.time'), dataIndex: 'createdAt', width: 170, render: (ms: number) => formatTime(ms) },
          {
            title: t('common.actions'), key: 'actions', width: 170,
            render: (_v, a) => (
              <>
                <Button type="link" size="small" href={downloadUrl(a.id)} icon={<DownloadOutlined aria-hidden />}>{t('documents.attachments.download')}</Button>
                {canDelete && (
                  <Popconfirm title={t('documents.attachments.deleteConfirm', { name: a.originalName })} okButtonProps={{ danger: true }} onConfirm={() => remove.mutate(a.id)}>
                    <Button type="link" size="small" danger icon={<DeleteOutlined aria-hidden />}>{t('documents.attachments.delete')}</Button>
                  </Popconfirm>
                )}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
