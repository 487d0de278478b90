/**
 * The application shell: language and antd locale, theme, data cache, routes.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, theme as antdTheme } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { ApiError } from './api/client';
import { LanguageProvider, useLanguage } from './i18n';
import { AppRouter } from './routes';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again; a network hiccup may.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 1,
      refetchOnWindowFocus: false,
      staleTime: 15_000,
    },
    mutations: { retry: false },
  },
});

/** Deep red of the province's documents, navy for the frame: calm and official. */
const THEME = {
  algorithm: antdTheme.defaultAlgorithm,
  token: {
    colorPrimary: '#9e1b1b',
    colorLink: '#1d4f91',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif",
  },
  components: {
    Layout: { headerBg: '#0f2a4a', siderBg: '#ffffff', headerHeight: 56, headerPadding: '0 20px' },
    Table: { cellPaddingBlockSM: 6 },
  },
};

function LocalizedApp() {
  const { language } = useLanguage();
  return (
    <ConfigProvider locale={language === 'en' ? enUS : viVN} theme={THEME} componentSize="middle">
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AppRouter />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LanguageProvider>
      <LocalizedApp />
    </LanguageProvider>
  );
}
