/**
 * The app's antd design tokens, in a module of its own (no antd import): app/providers.tsx gives
 * them to ConfigProvider, and apps/web/vite.config.ts derives antd's full token map from them
 * once, when the app is built (virtual:antd-map-token), instead of every phone deriving it on
 * its first render (TARGETS P5).
 */

/** Latin fonts first, then the CJK system fonts of each platform; styles.css uses the same stack. */
const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

export const THEME_TOKEN = {
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
};

/** The class antd scopes its CSS variables to: the theme's cssVar.key, and the prebuilt stylesheet's scope (vite.config.ts). */
export const ANTD_CSS_VAR_KEY = 'css-var-tiaojie';

/** A seed as text, its keys in order: the same for the same tokens however the object was put together. */
export function seedKey(seed: object): string {
  return JSON.stringify(seed, Object.keys(seed).sort());
}
