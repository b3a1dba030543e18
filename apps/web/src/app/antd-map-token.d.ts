/** apps/web/vite.config.ts: antd's default algorithm applied to the app's seed, at build time. */
declare module 'virtual:antd-map-token' {
  /** JSON of the seed the map was derived from (antd's default seed with app/theme-token.ts over it). */
  export const SEED: string;
  /** antd's defaultAlgorithm(seed): every map token. */
  export const MAP_TOKEN: Record<string, unknown>;
}
