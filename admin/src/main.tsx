import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { RouterProvider } from 'react-router';
import { AuthProvider } from './app/auth-context';
import { I18nProvider, useI18n } from './app/i18n/i18n-context';
import { isApiError } from './app/api-client';
import { router } from './app/router';
import { theme } from './app/theme';
import { usePrefersReducedMotion } from './app/reduced-motion';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A refusal (4xx) will not change by asking again; network and 5xx might.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});

const stillTheme = { ...theme, token: { ...theme.token, motion: false } };

function ThemedApp() {
  const { language } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : zhCN} theme={reducedMotion ? stillTheme : theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <AuthProvider>
          <RouterProvider router={router} />
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ThemedApp />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
