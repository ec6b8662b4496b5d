import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../platform/http.ts';
import { sendError } from '../platform/http.ts';

export const DASHBOARD_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../dashboard/dist',
);

/** Static files Parley serves: never a source map, even if a build left one behind. */
export function isServableAsset(pathName: string): boolean {
  return !/\.map$/i.test(pathName);
}

/** Serves the built dashboard at /app with a single-page-app fallback to index.html. */
export async function registerDashboard(app: App, dist = DASHBOARD_DIST) {
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/app/'));
  if (!existsSync(path.join(dist, 'index.html'))) {
    // `/app/*` alone leaves the dashboard's own address (`/app`, `/app/`) to the 404 handler.
    for (const url of ['/app', '/app/*']) {
      app.get(url, { schema: { hide: true } }, async (_request, reply) =>
        sendError(reply, 'dashboard_not_built', 'The dashboard is not built; run npm start or npm run build'),
      );
    }
    return;
  }
  // Files are looked up at request time, so a rebuilt dashboard is served without a restart; any
  // other path under /app is a client-side route and gets index.html.
  await app.register(
    async (scope) => {
      await scope.register(fastifyStatic, {
        root: dist,
        prefix: '/',
        index: false,
        allowedPath: isServableAsset,
        setHeaders: (reply, filePath) => {
          reply.header(
            'cache-control',
            filePath.includes(`${path.sep}assets${path.sep}`)
              ? 'public, max-age=31536000, immutable'
              : 'no-cache',
          );
        },
      });
      const spa = async (request: FastifyRequest, reply: FastifyReply) => {
        if (request.method !== 'GET' || /\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '')) {
          return sendError(reply, 'not_found', 'No such file');
        }
        reply.header('cache-control', 'no-cache');
        return reply.sendFile('index.html');
      };
      scope.get('/', { schema: { hide: true } }, spa);
      scope.setNotFoundHandler(spa);
    },
    { prefix: '/app' },
  );
}
