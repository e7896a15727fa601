import path from 'node:path';
import type { Middleware } from 'koa';
import compress from 'koa-compress';
import send from 'koa-send';

/** Paths that are never the web app's: the API, Cockpit and the queue board answer them or 404. */
const NOT_APP_PATHS = ['/api/', '/operaton/', '/admin/'];

/** Vite names every built asset by its content hash, so a cached copy can never be stale. */
const HASHED_ASSETS = '/assets/';

/**
 * The built web app: its files compressed (gzip/brotli, the modeler alone is megabytes), hashed
 * assets cached for a year, index.html never cached (it names the current assets), and
 * index.html for any other GET without a file extension, so every page's URL (/cases/…,
 * /tasks/…) survives a reload and a link from a notice.
 */
export function webApp(dir: string): Middleware {
  const serveFile = (ctx: Parameters<Middleware>[0], file: string) =>
    send(ctx, file, {
      root: dir,
      setHeaders: (res, filePath) =>
        res.setHeader(
          'Cache-Control',
          path.basename(filePath) === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
        ),
    });
  const serve: Middleware = async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || NOT_APP_PATHS.some((p) => ctx.path.startsWith(p)))
      return next();
    if (ctx.path.startsWith(HASHED_ASSETS) || path.extname(ctx.path)) {
      // A missing file is a 404, not the app: a stale asset must not be answered with HTML.
      const served = await serveFile(ctx, ctx.path).catch((err: { status?: number }) => {
        if (err.status === 404) return undefined;
        throw err;
      });
      if (!served) await next();
      return;
    }
    await serveFile(ctx, 'index.html');
  };
  const gzip = compress({ threshold: 1024 });
  return (ctx, next) => gzip(ctx, () => serve(ctx, next));
}
