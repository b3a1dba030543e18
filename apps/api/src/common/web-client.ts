import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { isApiPath } from './transport';

/**
 * What the server writes into index.html for one visitor before the app has started: the
 * page's language, and markup placed before the app's root (styles.css hides the root while
 * it is there; the app removes it once its own page has rendered, apps/web/src/app/first-paint.ts).
 */
export interface FirstPaint {
  lang: string;
  markup: string;
}

/** The first paint of a path for this request, or null for the plain index.html. */
export type FirstPainter = (req: Request) => Promise<FirstPaint | null>;

const ROOT_ELEMENT = '<div id="root"></div>';
const HTML_LANG = /<html lang="[^"]*">/;

/** index.html with a first paint in it: private to the visitor, never stored by anyone. */
function sendFirstPaint(req: Request, res: Response, indexHtml: string, paint: FirstPaint): void {
  const html = indexHtml.replace(HTML_LANG, `<html lang="${paint.lang === 'en' ? 'en' : 'zh-CN'}">`).replace(ROOT_ELEMENT, `${paint.markup}${ROOT_ELEMENT}`);
  const body = Buffer.from(html, 'utf8');
  const encoding = req.acceptsEncodings(['br', 'gzip', 'identity']);
  res.status(200);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Vary', 'Cookie, Accept-Encoding');
  if (encoding === 'br') {
    res.setHeader('Content-Encoding', 'br');
    res.end(brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  } else if (encoding === 'gzip') {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(gzipSync(body));
  } else {
    res.end(body);
  }
}

/** Hashed file names change with their content: a browser may keep them for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web client (WEB_DIST) on every path outside /api and /socket.io: the
 * brotli or gzip copy that `vite build` wrote beside each file when the browser accepts it
 * (Vary: Accept-Encoding), /assets/* cached immutable, everything else — index.html above
 * all — revalidated on each load (no-cache), and index.html for any other path so that client
 * routes survive a reload. Registered after helmet, so the CSP applies to these answers too.
 * `firstPaint` may write a page's first paint into index.html for one visitor (a GET of a
 * page, not of a file). Returns false when there is no build to serve.
 */
export function serveWebClient(app: NestExpressApplication, webDist: string | undefined, firstPaint?: FirstPainter): boolean {
  if (!webDist) return false;
  const root = resolve(webDist);
  if (!existsSync(join(root, 'index.html'))) return false;
  // Read once: a new build is served by a new process.
  const indexHtml = readFileSync(join(root, 'index.html'), 'utf8');
  const painter = firstPaint && indexHtml.includes(ROOT_ELEMENT) && HTML_LANG.test(indexHtml) ? firstPaint : undefined;
  const assetsDir = join(root, 'assets') + sep;
  const files = expressStaticGzip(root, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      redirect: false,
      cacheControl: false,
      dotfiles: 'ignore',
      setHeaders: (res, path) => res.setHeader('Cache-Control', path.startsWith(assetsDir) ? IMMUTABLE : 'no-cache'),
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path) || req.path.startsWith('/socket.io/')) return next();
    files(req, res, (err?: unknown) => {
      if (err) return next(err);
      // A hashed asset that is not there (an old build's) must not get the app shell.
      if (req.path.startsWith('/assets/')) return next();
      if (painter && req.method === 'GET') {
        painter(req).then(
          (paint) => (paint ? sendFirstPaint(req, res, indexHtml, paint) : sendIndex()),
          () => sendIndex(),
        );
        return;
      }
      sendIndex();
    });
    function sendIndex() {
      const original = req.url;
      req.url = '/index.html';
      files(req, res, (fallbackErr?: unknown) => {
        req.url = original;
        next(fallbackErr);
      });
    }
  });
  return true;
}
