/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const apiTarget = process.env.API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: {
      '@tiaojie/contracts': `${repoRoot}libs/contracts/src/index.ts`,
      '@tiaojie/domain': `${repoRoot}libs/domain/src/index.ts`,
    },
  },
  server: {
    port: 4200,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  preview: {
    port: 4300,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: `${repoRoot}dist/apps/web`,
    emptyOutDir: true,
    sourcemap: true,
    // The budget of TARGETS.md P5 is 300 KB gzip of first-load JS; warn well before it.
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
