import type { ReactNode } from 'react';
import { ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import i18n, { currentLocale } from '../lib/i18n';

/** Latin fonts first, then the CJK system fonts of each platform; styles.css uses the same stack. */
const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

/**
 * zeroRuntime: components take their styles from antd's prebuilt stylesheet (imported in
 * main.tsx, fitted by apps/web/vite.config.ts) instead of generating them in the browser on
 * first render, which was most of a phone's main-thread work (TARGETS P5). Only the design
 * tokens below are written at runtime, as CSS variables under the `cssVar.key` class that the
 * stylesheet's component rules are scoped to.
 */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1668dc',
    borderRadius: 8,
    fontFamily: FONT_FAMILY,
    // WCAG 2.1 AA 1.4.3: antd's secondary text (45 % black, 3.4:1) and error red (#ff4d4f,
    // 3.3:1) are too light for small text; these reach 4.5:1 on white and on the page grey.
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorError: '#cf1322',
    colorLink: '#1668dc',
  },
  zeroRuntime: true,
  cssVar: { key: 'css-var-tiaojie' },
};

function LocalisedAntd({ children }: { children: ReactNode }) {
  useTranslation(); // re-render when the language changes
  return (
    <ConfigProvider locale={currentLocale() === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      {children}
    </ConfigProvider>
  );
}

export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <LocalisedAntd>{children}</LocalisedAntd>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
