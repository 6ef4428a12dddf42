import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../api/env.js';
import { packagePath } from '../util/package-root.js';

/**
 * No inline script or style anywhere, no third-party origin: an injected string in an event's
 * metadata has nowhere to run even if a rendering bug let it into the page.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function secure(c: Context<AppEnv>): void {
  c.header('Content-Security-Policy', CSP);
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
}

/** Serves the built dashboard (`web/dist`). Files are read once; the bundle is small. */
export function staticRoutes(app: Hono<AppEnv>, root = packagePath('web', 'dist')): void {
  const cache = new Map<string, Buffer | null>();
  const read = (rel: string): Buffer | null => {
    if (!cache.has(rel)) {
      const file = join(root, normalize(rel));
      cache.set(rel, file.startsWith(root) && existsSync(file) ? readFileSync(file) : null);
    }
    return cache.get(rel) ?? null;
  };

  app.get('/', (c) => {
    secure(c);
    const html = read('index.html');
    if (!html) return c.text('dashboard not built: run `npm run build`', 503);
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(html), 200, { 'Content-Type': TYPES['.html']! });
  });

  app.get('/assets/:file', (c) => {
    secure(c);
    const name = c.req.param('file');
    if (!/^[A-Za-z0-9._-]+$/.test(name) || name.startsWith('.')) return c.notFound();
    const body = read(join('assets', name));
    const type = TYPES[extname(name)];
    if (!body || !type) return c.notFound();
    // Vite puts a content hash in every asset name, so they never change under the same URL.
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(new Uint8Array(body), 200, { 'Content-Type': type });
  });
}
