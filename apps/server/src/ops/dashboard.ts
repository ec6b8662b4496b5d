import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { App } from '../platform/http.ts';
import { sendError } from '../platform/http.ts';

export const DASHBOARD_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../dashboard/dist',
);

/** Serves the built dashboard at /app with a single-page-app fallback to index.html. */
export async function registerDashboard(app: App, dist = DASHBOARD_DIST) {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/'));
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.get('/app/*', { schema: { hide: true } }, async (_request, reply) =>
      sendError(
        reply,
        503,
        'dashboard_not_built',
        'The dashboard is not built; run npm start or npm run build',
      ),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    prefix: '/app/',
    wildcard: false,
    index: false,
    setHeaders: (reply, filePath) => {
      reply.header(
        'cache-control',
        filePath.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  const spa = async (
    _request: unknown,
    reply: { header: (k: string, v: string) => unknown; sendFile: (f: string) => unknown },
  ) => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  app.get('/app', { schema: { hide: true } }, spa);
  app.get('/app/*', { schema: { hide: true } }, spa);
}
