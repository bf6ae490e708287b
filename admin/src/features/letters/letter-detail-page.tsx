import { Alert, Card, Descriptions, Empty, Flex, List, Spin, Timeline, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { problemText } from '../../app/problems';
import type { DialogAction } from './action-dialog';
import { LetterActions } from './letter-actions';
import { letterAttachmentUrl, lettersApi, lettersKeys, type LetterDetail } from './letters-api';
import { DueTag, EmptyText } from './due-tag';

const SATISFACTIONS: readonly string[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];
type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
const SIZE = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** One letter: text, attachments, deadlines, history, and the steps this viewer may take now (from the server). */
export function LetterDetailPage() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const detail = useQuery({ queryKey: lettersKeys.detail(id), queryFn: () => lettersApi.detail(id), enabled: Number.isSafeInteger(id) && id > 0 });
  if (detail.isError) return <Alert type="error" showIcon title={problemText(detail.error, t('common.error'))} />;
  if (!detail.data) return <Spin />;
  const l: LetterDetail = detail.data.letter;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{l.subject}</Typography.Title>
      <Card size="small">
        <LetterActions letter={l} actions={l.allowedActions as DialogAction[]} />
      </Card>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('letters.status')}>{l.statusName}</Descriptions.Item>
        <Descriptions.Item label={t('letters.due')}>{['supplementing', 'replied', 'closed', 'refused', 'merged'].includes(l.status) ? '—' : <DueTag state={l.dueState} />}</Descriptions.Item>
        <Descriptions.Item label={t('letters.dueAt')}>{formatTime(l.dueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('letters.stepDueAt')}>{formatTime(l.stepDueAt)}</Descriptions.Item>
        <Descriptions.Item label={t('letters.receivedAt')}>{formatTime(l.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('letters.mailbox')}>{l.mailboxName}</Descriptions.Item>
        <Descriptions.Item label={t('letters.queryCode')}>{l.queryCode}</Descriptions.Item>
        <Descriptions.Item label={t('letters.public')}>{l.isPublic ? t('letters.public.yes') : t('letters.public.no')}</Descriptions.Item>
        <Descriptions.Item label={t('letters.writer')}>{l.citizen.name}</Descriptions.Item>
        <Descriptions.Item label={t('letters.phone')}>{l.citizen.phone}</Descriptions.Item>
        <Descriptions.Item label={t('letters.unitName')}>{l.handlingOrgName ?? '—'}</Descriptions.Item>
        {l.extension && (
          <Descriptions.Item label={t('letters.extension')}>{t('letters.extensionText', { days: l.extension.days, reason: l.extension.reason })}</Descriptions.Item>
        )}
        {l.satisfaction && (
          <Descriptions.Item label={t('letters.satisfaction')}>
            {SATISFACTIONS.includes(l.satisfaction) ? t(`letters.satisfaction.${l.satisfaction as Satisfaction}`) : l.satisfaction}
          </Descriptions.Item>
        )}
      </Descriptions>
      <Card size="small" title={t('letters.body')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="letter-body">{l.body}</Typography.Paragraph>
      </Card>
      <Card size="small" title={t('letters.attachments')}>
        {l.attachments.length === 0
          ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<EmptyText>{t('letters.noAttachments')}</EmptyText>} />
          : <List size="small" dataSource={[...l.attachments]} renderItem={(a) => (
            <List.Item>
              <Typography.Link href={letterAttachmentUrl(l.id, a.id)} download={a.fileName}>
                <PaperClipOutlined aria-hidden /> {a.fileName}
              </Typography.Link>{' '}
              <Typography.Text type="secondary">{SIZE(a.size)}</Typography.Text>
            </List.Item>
          )} />}
      </Card>
      {l.reply !== null && (
        <Card size="small" title={`${t('letters.reply')}${l.repliedAt ? ` · ${t('letters.replied')} ${formatTime(l.repliedAt)}` : ''}${l.publishedAt ? ` · ${t('letters.published')}` : ''}`}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="letter-reply">{l.reply}</Typography.Paragraph>
        </Card>
      )}
      <Card size="small" title={t('letters.history')}>
        <Timeline
          items={[
            { children: `${formatTime(l.receivedAt)} ${t('letters.receivedAt')}` },
            ...l.history.map((h) => ({
              children: (
                <span>
                  {formatTime(h.at)} <strong>{h.actionName}</strong> {h.actorName}{h.orgName ? `（${h.orgName}）` : ''}{h.reason ? `：${h.reason}` : ''}
                </span>
              ),
            })),
          ]}
        />
      </Card>
    </Flex>
  );
}
