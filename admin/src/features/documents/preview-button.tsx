import { Button } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useHref } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';

/**
 * 预览: opens the preview of the document's current edition in a new tab, so the editor keeps
 * unsaved typing and the reviewer keeps their place. `editionId` pins the edition the reader is
 * looking at: the preview says so when it is no longer the current one.
 */
export function PreviewButton({ documentId, editionId }: { documentId: number; editionId?: number }) {
  const { t } = useI18n();
  const href = useHref(`/documents/${documentId}/preview${editionId !== undefined ? `?edition=${editionId}` : ''}`);
  return (
    <Button href={href} target="_blank" rel="noopener noreferrer" icon={<EyeOutlined aria-hidden />}>
      {t('documents.preview.action')}
    </Button>
  );
}
