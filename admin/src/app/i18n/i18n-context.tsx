import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setApiLanguage } from '../api-client';
import { storeLanguage, storedLanguage, type Language } from './language';
import { zh, type MessageKey } from './messages-zh';
import { en } from './messages-en';

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

interface I18nValue {
  readonly language: Language;
  readonly setLanguage: (language: Language) => void;
  readonly t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function applyLanguage(language: Language): void {
  setApiLanguage(language);
  dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = language;
}

export function formatMessage(template: string, params?: Readonly<Record<string, string | number>>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [language, setLanguageState] = useState<Language>(() => {
    const initial = storedLanguage();
    applyLanguage(initial);
    return initial;
  });

  const setLanguage = useCallback(
    (next: Language) => {
      applyLanguage(next);
      storeLanguage(next);
      setLanguageState(next);
      // Role labels and server messages come back in the request language: fetch them again.
      void queryClient.invalidateQueries();
    },
    [queryClient],
  );

  const value = useMemo<I18nValue>(() => {
    const dictionary = language === 'en' ? en : zh;
    const t: Translate = (key, params) => formatMessage(dictionary[key], params);
    return { language, setLanguage, t };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
