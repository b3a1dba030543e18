import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { isApiPath } from './transport';

/** Hashed file names change with their content: a browser may keep them for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the built web client (WEB_DIST) on every path outside /api and /socket.io: the
 * brotli or gzip copy that `vite build` wrote beside each file when the browser accepts it
 * (Vary: Accept-Encoding), /assets/* cached immutable, everything else — index.html above
 * all — revalidated on each load (no-cache), and index.html for any other path so that client
 * routes survive a reload. Registered after helmet, so the CSP applies to these answers too.
 * Returns false when there is no build to serve.
 */
export function serveWebClient(app: NestExpressApplication, webDist: string | undefined): boolean {
  if (!webDist) return false;
  const root = resolve(webDist);
  if (!existsSync(join(root, 'index.html'))) return false;
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
      const original = req.url;
      req.url = '/index.html';
      files(req, res, (fallbackErr?: unknown) => {
        req.url = original;
        next(fallbackErr);
      });
    });
  });
  return true;
}
