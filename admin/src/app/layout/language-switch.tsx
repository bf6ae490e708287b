import { Radio } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import type { Language } from '../i18n/language';

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <Radio.Group
      aria-label={t('header.language')}
      optionType="button"
      size="small"
      value={language}
      onChange={(e) => setLanguage(e.target.value as Language)}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
