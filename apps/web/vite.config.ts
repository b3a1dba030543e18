/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const apiTarget = process.env.API_URL ?? 'http://localhost:3000';

/**
 * antd's prebuilt stylesheet (antd/dist/antd.css), fitted to the app's theme (app/providers.tsx,
 * zeroRuntime): its theme scope class is renamed to the app's own, and its default design-token
 * block is dropped, since antd writes the app's tokens (colour, font) at runtime under the same
 * class and that must win. Components then cost no style generation on first paint (TARGETS P5).
 */
// The same key as the theme's cssVar.key in app/providers.tsx.
const ANTD_CSS_VAR_KEY = 'css-var-tiaojie';
function antdStaticCss(): Plugin {
  return {
    name: 'tiaojie-antd-static-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]antd[\\/]dist[\\/]antd\.css$/.test(id)) return null;
      const scoped = code.replaceAll('css-var-_R_0_', ANTD_CSS_VAR_KEY);
      const rootBlock = new RegExp(`\\.${ANTD_CSS_VAR_KEY}\\{--ant-blue:[^}]*\\}`);
      if (!rootBlock.test(scoped)) throw new Error('antd/dist/antd.css: the default token block was not found (antd upgraded?)');
      return { code: scoped.replace(rootBlock, ''), map: null };
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [
    antdStaticCss(),
    react(),
    // Precompressed copies beside each file (x.js.br, x.js.gz): the API (apps/api/src/common/web-client.ts)
    // and nginx (docker/nginx.conf, brotli_static / gzip_static) send them as they are.
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(js|mjs|css|html|svg|json|txt|wasm)$/, threshold: 0, deleteOriginalAssets: false }),
  ],
  resolve: {
    alias: {
      '@tiaojie/contracts': `${repoRoot}libs/contracts/src/index.ts`,
      '@tiaojie/domain': `${repoRoot}libs/domain/src/index.ts`,
    },
  },
  server: {
    port: 4200,
    // The Host stays the page's (localhost:4200): the API lets state-changing requests and
    // sockets through only from its own origin (the Host asked for) or CORS_ORIGINS.
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, changeOrigin: false, ws: true },
    },
  },
  preview: {
    port: 4300,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, changeOrigin: false, ws: true },
    },
  },
  build: {
    outDir: `${repoRoot}dist/apps/web`,
    emptyOutDir: true,
    sourcemap: true,
    // The budget of bench/README.md P5 is 300 KB gzip of first-load JS; warn well before it.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      treeshake: {
        // libs/ are pure modules (STYLE.md): what the web does not use of them (the case state
        // machine, working-day calendars) is left out even though they build tables at load.
        moduleSideEffects: [{ test: /[\\/]libs[\\/](contracts|domain)[\\/]src[\\/]/, sideEffects: false }],
      },
    },
  },
  test: {
    root: repoRoot,
    environment: 'jsdom',
    include: ['apps/web/src/**/*.spec.{ts,tsx}'],
    setupFiles: ['apps/web/src/test/setup.ts'],
    css: false,
    // antd renders slowly in jsdom; route-level tests click through whole pages.
    testTimeout: 20_000,
    restoreMocks: true,
  },
});
