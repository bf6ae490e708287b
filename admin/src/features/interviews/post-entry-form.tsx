import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Upload } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { interviewsApi, interviewsKeys, type Guest, type Question } from './interviews-api';

interface Values {
  readonly kind: 'answer' | 'remark';
  readonly questionId?: number;
  readonly speaker?: string;
  readonly body: string;
}

/** The typist's form: a guest's answer to an approved question, or a host remark, with an optional picture. */
export function PostEntryForm({ interviewId, guests, approved, form }: {
  interviewId: number;
  guests: Guest[];
  approved: Question[];
  form: ReturnType<typeof Form.useForm<Values>>[0];
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [image, setImage] = useState<{ id: number; fileName: string } | null>(null);
  const kind = Form.useWatch('kind', form) ?? 'answer';
  const post = useMutation({
    mutationFn: (v: Values) => interviewsApi.post(interviewId, {
      kind: v.kind, body: v.body, ...(v.speaker ? { speaker: v.speaker } : {}),
      ...(v.kind === 'answer' && v.questionId ? { questionId: v.questionId } : {}), ...(image ? { imageId: image.id } : {}),
    }),
    onSuccess: () => {
      form.resetFields(['body', 'questionId']);
      setImage(null);
      void message.success(t('interviews.posted'));
      void queryClient.invalidateQueries({ queryKey: interviewsKeys.one(interviewId) });
      void queryClient.invalidateQueries({ queryKey: interviewsKeys.questions(interviewId) });
    },
    onError: (e) => showProblem(e, form),
  });
  const upload = useMutation({
    mutationFn: (file: File) => interviewsApi.upload(interviewId, file),
    onSuccess: (r) => {
      setImage(r.image);
      void message.success(t('interviews.post.imageAdded', { name: r.image.fileName }));
    },
    onError: (e) => showProblem(e),
  });
  return (
    <Card size="small" title={t('interviews.post')}>
      <Form form={form} layout="vertical" name="interview-entry" initialValues={{ kind: 'answer', speaker: guests[0]?.name }} onFinish={(v) => post.mutate(v)}>
        <Form.Item name="kind" label={t('interviews.post.kind')}>
          <Select options={[{ value: 'answer', label: t('interviews.post.answer') }, { value: 'remark', label: t('interviews.post.remark') }]} />
        </Form.Item>
        {kind === 'answer' && (
          <Form.Item name="questionId" label={t('interviews.post.question')} rules={[{ required: true }]}>
            <Select options={approved.map((q) => ({ value: q.id, label: q.body.slice(0, 80) }))} />
          </Form.Item>
        )}
        <Form.Item name="speaker" label={t('interviews.post.speaker')}>
          <Select allowClear options={[...guests.map((g) => ({ value: g.name, label: g.name })), { value: '主持人', label: '主持人' }]} />
        </Form.Item>
        <Form.Item name="body" label={t('interviews.post.body')} rules={[{ required: true, whitespace: true, max: 10_000 }]}>
          <Input.TextArea rows={4} />
        </Form.Item>
        <Form.Item label={t('interviews.post.image')}>
          <Upload accept=".jpg,.jpeg,.png,.gif" showUploadList={false} beforeUpload={(file) => { upload.mutate(file); return false; }}>
            <Button loading={upload.isPending}>{image ? image.fileName : t('interviews.post.image')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={post.isPending}>{t('interviews.post')}</Button>
      </Form>
    </Card>
  );
}
