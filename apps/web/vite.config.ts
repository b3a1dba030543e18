/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type Rolldown } from 'vite';
import react from '@vitejs/plugin-react';
import { compression } from 'vite-plugin-compression2';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { ANTD_CSS_VAR_KEY, seedKey, THEME_TOKEN } from './src/app/theme-token';
import { EARLY_PAGES } from './src/app/early-pages';
// By path: the config is loaded before its own aliases exist.
import { ENDING_STATES } from '../../libs/domain/src/case-lifecycle';
import { earlyStart, type EarlyConfig, type EarlyStateTable } from './src/lib/early-start';
import { SESSION_HINT_KEY } from './src/lib/session-hint';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

/** The domain's state tables that app/early-pages.ts names for the early script's dependent requests. */
const EARLY_STATES: Record<EarlyStateTable, readonly string[]> = { ENDING_STATES };
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const apiTarget = process.env.API_URL ?? 'http://localhost:3000';

/**
 * antd components the app never renders (no import of them, nor of a component that uses them
 * inside: Table brings pagination, dropdown, menu, tooltip, spin; Tabs brings dropdown, menu).
 * Their rules are left out of antd's prebuilt stylesheet, which otherwise is 1 MB of CSS that a
 * phone downloads and matches before the first paint (TARGETS P5). Using one of them later means
 * taking it off this list.
 */
const UNUSED_ANTD_COMPONENTS = [
  'affix',
  'anchor',
  'app',
  'avatar',
  'back-top',
  'breadcrumb',
  'calendar',
  'card',
  'carousel',
  'cascader',
  'collapse',
  'color-picker',
  'divider',
  'drawer',
  'float-btn',
  'image',
  'list',
  'masonry',
  'mentions',
  'notification',
  'otp',
  'picker',
  'progress',
  'qrcode',
  'rate',
  'slider',
  'slick',
  'splitter',
  'statistic',
  'steps',
  'timeline',
  'tour',
  'transfer',
  'tree',
  'tree-select',
  'typography',
  'upload',
  'watermark',
];

/**
 * Classes of components the app does render that no element ever carries, as patterns after
 * `.ant-`: the grid's span, offset, push, pull and order classes (no Col is given any, nor a Form
 * a labelCol or wrapperCol; 54 KB of CSS) and Menu's dark theme (no Menu is dark; 11 KB). The
 * journey 'small things: no duplicate element ids…' (apps/web-e2e/journeys/small.js) fails if
 * any element on the main pages carries one.
 */
const UNUSED_ANTD_CLASSES = ['col-(?:(?:xs|sm|md|lg|xl|xxl|xxxl)-)?(?:offset-|push-|pull-|order-)?\\d+', 'menu-dark'];

/** Splits `a, b:not(c, d)` at its top-level commas. */
function splitSelectors(selectors: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selectors.length; i++) {
    const ch = selectors[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(selectors.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selectors.slice(start));
  return parts;
}

/**
 * The stylesheet without the rules of `unused` components: a rule keeps the selectors that name
 * none of them and goes when none is left; @media and @supports blocks are filtered inside.
 */
function withoutComponents(css: string, unused: readonly string[]): string {
  const denied = new RegExp(`\\.ant-(?:${unused.join('|')})(?![a-z])`);
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('{', i);
    if (open < 0) {
      out += css.slice(i);
      break;
    }
    // The matching brace, past nested blocks and quoted strings.
    let depth = 0;
    let end = open;
    for (let j = open; j < css.length; j++) {
      const ch = css[j];
      if (ch === '"' || ch === "'") {
        j = css.indexOf(ch, j + 1);
        continue;
      }
      if (ch === '{') depth++;
      else if (ch === '}' && --depth === 0) {
        end = j;
        break;
      }
    }
    const prelude = css.slice(i, open).trim();
    const body = css.slice(open + 1, end);
    if (/^@(media|supports|container|layer)\b/.test(prelude)) {
      const inner = withoutComponents(body, unused);
      if (inner.trim()) out += `${prelude}{${inner}}`;
    } else if (prelude.startsWith('@')) {
      out += `${prelude}{${body}}`;
    } else {
      const kept = splitSelectors(prelude).filter((selector) => !denied.test(selector));
      if (kept.length) out += `${kept.join(',')}{${body}}`;
    }
    i = end + 1;
  }
  return out;
}

/**
 * antd's prebuilt stylesheet (antd/dist/antd.css), fitted to the app's theme (app/providers.tsx,
 * zeroRuntime): its theme scope class is renamed to the app's own, its default design-token
 * block is dropped, since antd writes the app's tokens (colour, font) at runtime under the same
 * class and that must win, and the components the app does not use are left out. Components then
 * cost no style generation on first paint (TARGETS P5).
 */
function antdStaticCss(): Plugin {
  return {
    name: 'tiaojie-antd-static-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]antd[\\/]dist[\\/]antd\.css$/.test(id)) return null;
      const scoped = code.replaceAll('css-var-_R_0_', ANTD_CSS_VAR_KEY);
      const rootBlock = new RegExp(`\\.${ANTD_CSS_VAR_KEY}\\{--ant-blue:[^}]*\\}`);
      if (!rootBlock.test(scoped)) throw new Error('antd/dist/antd.css: the default token block was not found (antd upgraded?)');
      return { code: withoutComponents(scoped.replace(rootBlock, ''), [...UNUSED_ANTD_COMPONENTS, ...UNUSED_ANTD_CLASSES]), map: null };
    },
  };
}

/**
 * `virtual:antd-map-token`: antd's default algorithm applied once, here, to the app's seed (antd's
 * default seed with app/theme-token.ts over it), so that a phone does not derive every colour
 * palette on its first render (app/providers.tsx answers the algorithm from it; TARGETS P5).
 */
function antdMapToken(): Plugin {
  const id = 'virtual:antd-map-token';
  return {
    name: 'tiaojie-antd-map-token',
    resolveId: (source) => (source === id ? `\0${id}` : null),
    load(resolved) {
      if (resolved !== `\0${id}`) return null;
      const theme = (createRequire(import.meta.url)('antd/lib/theme') as { default: { defaultSeed: object; defaultAlgorithm: (seed: object) => object } }).default;
      const seed = { ...theme.defaultSeed, ...THEME_TOKEN };
      return `export const SEED = ${JSON.stringify(seedKey(seed))};\nexport const MAP_TOKEN = ${JSON.stringify(theme.defaultAlgorithm(seed))};\n`;
    },
  };
}

/**
 * The early script (lib/early-start.ts): `earlyStart` with the chunks of EARLY_PAGES' modules —
 * each module's chunk, the chunks it imports that the HTML does not load already, and their
 * styles — written to its own hashed file and loaded first in the HTML's head, a classic script
 * that runs as soon as it has come, while the start chunk is still on its way (TARGETS P5).
 */
function earlyStartScript(): Plugin {
  return {
    name: 'tiaojie-early-start',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        // What the HTML loads itself: the entry and everything it imports.
        const initial = new Set<string>();
        const addInitial = (file: string) => {
          if (initial.has(file)) return;
          initial.add(file);
          byFile.get(file)?.imports.forEach(addInitial);
        };
        chunks.filter((chunk) => chunk.isEntry).forEach((chunk) => addInitial(chunk.fileName));
        const config: EarlyConfig = {
          sessionHintKey: SESSION_HINT_KEY,
          pages: EARLY_PAGES.map((page) => {
            const preload = new Set<string>();
            const styles = new Set<string>();
            const add = (file: string) => {
              if (initial.has(file) || preload.has(file)) return;
              const chunk = byFile.get(file);
              if (!chunk) return;
              preload.add(file);
              chunk.viteMetadata?.importedCss.forEach((css) => styles.add(css));
              chunk.imports.forEach(add);
            };
            for (const module of page.modules) {
              const id = `${webRoot}${module}`;
              // The module's own chunk; else one it was copied into (a small common module).
              const chunk = chunks.find((candidate) => candidate.facadeModuleId === id) ?? chunks.find((candidate) => candidate.moduleIds.includes(id));
              if (!chunk) throw new Error(`early start: no chunk holds ${module} (app/early-pages.ts)`);
              add(chunk.fileName);
            }
            return {
              path: page.path,
              preload: [...preload].map((file) => `/${file}`),
              styles: [...styles].map((file) => `/${file}`),
              requests: page.requests,
              dependent: (page.dependent ?? []).map((d) => ({ request: d.request, states: EARLY_STATES[d.states] })),
            };
          }),
        };
        const source = `(${earlyStart.toString()})(${JSON.stringify(config)});\n`;
        const reference = this.emitFile({ type: 'asset', name: 'early.js', source });
        const file = this.getFileName(reference);
        // Before the app's module script: a classic script runs first, the module scripts wait for
        // it (they are deferred), and the preload scanner fetches them meanwhile.
        if (!/<script type="module"/.test(html)) throw new Error('early start: index.html has no module script');
        return html.replace(/<script type="module"/, `<script src="/${file}"></script>\n    <script type="module"`);
      },
    },
  };
}

/** The comment by which V8 compiles every function of a script as it streams it in, off the main thread. */
const EAGER_COMPILE_COMMENT = '//# allFunctionsCalledOnLoad';

/**
 * Chunks whose functions nearly all run on the first page — the start chunk and the entry pages
 * of app/early-pages.ts — begin with V8's compile hint: their functions are compiled while the
 * file streams in, on a background thread, not one by one on the main thread the first time
 * each is called (React's renderer and the page's components during the first render). On a
 * phone that lazy compilation was a third of the start chunk's evaluation and of the first
 * render's tasks (TARGETS P5, Lighthouse's blocking time; bench/README.md). V8 reads the comment
 * only at a script's very start, so it goes in after Vite has put its preload map there, and
 * the chunk's source map and precompressed copies follow.
 */
function eagerCompileHint(): Plugin {
  return {
    name: 'tiaojie-eager-compile-hint',
    apply: 'build',
    configResolved(config) {
      // The maps are files of their own, shifted below; an inline map would be left unshifted.
      if (config.build.sourcemap === 'inline') throw new Error('eager compile hint: inline source maps are not shifted');
    },
    // The hint changes files after their names are fixed: part of every name's hash, so that
    // changing or dropping it renames them (they are cached for a year, apps/api's web client).
    augmentChunkHash: () => EAGER_COMPILE_COMMENT,
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const chunks = Object.values(bundle).filter((output): output is Rolldown.OutputChunk => output.type === 'chunk');
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        // What the HTML loads (the entry and its static imports), and the entry pages' own chunks.
        const eager = new Set<Rolldown.OutputChunk>();
        const add = (chunk: Rolldown.OutputChunk | undefined) => {
          if (!chunk || eager.has(chunk)) return;
          eager.add(chunk);
          chunk.imports.forEach((file) => add(byFile.get(file)));
        };
        chunks.filter((chunk) => chunk.isEntry).forEach(add);
        const entryModules = new Set(EARLY_PAGES.flatMap((page) => page.modules.map((module) => `${webRoot}${module}`)));
        for (const id of entryModules) {
          const chunk = chunks.find((candidate) => candidate.facadeModuleId === id);
          if (!chunk) throw new Error(`eager compile hint: ${id} has no chunk of its own (app/early-pages.ts)`);
          eager.add(chunk);
        }
        for (const chunk of eager) {
          chunk.code = `${EAGER_COMPILE_COMMENT}\n${chunk.code}`;
          if (chunk.map) chunk.map.mappings = `;${chunk.map.mappings}`;
          const mapAsset = bundle[`${chunk.fileName}.map`];
          if (mapAsset?.type === 'asset') {
            const map = JSON.parse(String(mapAsset.source)) as { mappings: string };
            map.mappings = `;${map.mappings}`; // every line one further down
            mapAsset.source = JSON.stringify(map);
          }
          for (const [suffix, compress] of [
            ['.br', (data: Buffer) => brotliCompressSync(data)],
            ['.gz', (data: Buffer) => gzipSync(data, { level: 9 })],
          ] as const) {
            const copy = bundle[`${chunk.fileName}${suffix}`];
            if (copy?.type === 'asset') copy.source = compress(Buffer.from(chunk.code));
          }
        }
      },
    },
  };
}

/**
 * The app's module script and the start chunk's preload at low fetch priority: the first paint
 * (the header of index.html) needs the HTML and the stylesheet only, so those, and the early
 * script's session and page data, go first on a phone's slow link. Lighthouse's simulation
 * otherwise counts a high-priority script that arrived before the first paint as blocking it,
 * though a module script never blocks rendering (TARGETS P5; bench/README.md).
 */
function lowPriorityAppScripts(): Plugin {
  return {
    name: 'tiaojie-low-priority-app-scripts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const out = html
          .replaceAll('<script type="module" crossorigin', '<script type="module" fetchpriority="low" crossorigin')
          .replaceAll('<link rel="modulepreload" crossorigin', '<link rel="modulepreload" fetchpriority="low" crossorigin');
        if (!out.includes('<script type="module" fetchpriority="low"')) throw new Error('low-priority app scripts: index.html has no module script');
        return out;
      },
    },
  };
}

/**
 * The favicon written into index.html as a data URL: otherwise its request is one more round trip
 * a phone makes while the page is still coming (Lighthouse counts it before the first paint;
 * TARGETS P5). public/favicon.svg stays for whoever asks for it by name.
 */
function inlineFavicon(): Plugin {
  return {
    name: 'tiaojie-inline-favicon',
    apply: 'build',
    transformIndexHtml(html) {
      const svg = readFileSync(`${webRoot}public/favicon.svg`, 'utf8').trim();
      const link = '<link rel="icon" href="/favicon.svg" type="image/svg+xml" />';
      if (!html.includes(link)) throw new Error('inline favicon: index.html has no favicon link');
      return html.replace(link, `<link rel="icon" href="data:image/svg+xml,${encodeURIComponent(svg)}" type="image/svg+xml" />`);
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [
    antdMapToken(),
    antdStaticCss(),
    react(),
    earlyStartScript(),
    inlineFavicon(),
    eagerCompileHint(),
    lowPriorityAppScripts(),
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
      output: {
        // Few files, not a hundred small ones: a phone on a slow link pays a round trip for each
        // request, and HTTP/1.1 gives it six at a time (TARGETS P5; bench/README.md, Lighthouse:
        // landing 76 → 88–90, citizen case page 61 → 76–77 with this). What every page needs at
        // start is one chunk; charts (only the statistics page draws them) one; a common chunk
        // of fewer than 40 KB of source is copied into the pages that use it instead of being a
        // file of its own — the runtime's registry keeps one state and one execution of each module.
        codeSplitting: {
          groups: [
            { name: 'start', tags: ['$initial'], priority: 40 },
            { name: 'charts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
          ],
          // Chunks holding styles stay files: Vite's CSS plugin would emit their CSS once per copy.
          experimentalInlineCommonChunks: { maxSize: 40_000, exclude: /\.(css|scss|sass|less|styl|stylus|pcss|postcss|sss)(\?|$)/ },
        },
      },
      // Required by experimentalInlineCommonChunks; the web's one entry exports nothing.
      preserveEntrySignatures: false,
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
