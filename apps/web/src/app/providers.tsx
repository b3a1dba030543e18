import type { ReactNode } from 'react';
import { ConfigProvider, theme as antdTheme, type ThemeConfig } from 'antd';
import type { MappingAlgorithm } from 'antd/es/theme/interface';
import { MAP_TOKEN, SEED } from 'virtual:antd-map-token';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { I18nextProvider, useTranslation } from 'react-i18next';
import i18n, { currentLocale } from '../lib/i18n';
import { ANTD_CSS_VAR_KEY, seedKey, THEME_TOKEN } from './theme-token';

/**
 * antd's default algorithm, answered from the map derived at build time (vite.config.ts) when
 * the seed is the app's own: deriving it (colour palettes for every preset colour) was the
 * longest single piece of a phone's first render (TARGETS P5). Any other seed is derived here.
 */
const algorithm: MappingAlgorithm = (seed) => (seedKey(seed) === SEED ? { ...MAP_TOKEN } : antdTheme.defaultAlgorithm(seed)) as ReturnType<MappingAlgorithm>;

/**
 * zeroRuntime: components take their styles from antd's prebuilt stylesheet (imported in
 * main.tsx, fitted by apps/web/vite.config.ts) instead of generating them in the browser on
 * first render, which was most of a phone's main-thread work (TARGETS P5). Only the design
 * tokens (theme-token.ts) are written at runtime, as CSS variables under the `cssVar.key` class
 * that the stylesheet's component rules are scoped to.
 */
export const theme: ThemeConfig = {
  token: THEME_TOKEN,
  algorithm,
  zeroRuntime: true,
  cssVar: { key: ANTD_CSS_VAR_KEY },
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
