// Profile pictures: public files named by their hash, served with a safe type and never rendered as
// a page. The bytes come from the platform's file store, so any server process sharing the bucket
// serves any of them.
import { z } from 'zod';
import type { Platform } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import type { App } from '../platform/http.ts';
import { errorResponses, fileResponse } from '../platform/schema.ts';
import { openAvatar } from './avatars.ts';

export async function filesRoutes(app: App, platform: Platform) {
  app.get(
    '/api/avatars/:name',
    {
      schema: {
        tags: ['Files'],
        summary: 'A profile picture uploaded to Parley',
        params: z.strictObject({ name: z.string().min(1).max(100) }),
        response: { 200: fileResponse('The picture, an image'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const avatar = await openAvatar(platform, request.params.name);
      if (!avatar) {
        throw notFound('Picture');
      }
      // Named by its hash: the same name always means the same bytes.
      return reply
        .header('content-type', avatar.contentType)
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(avatar.stream);
    },
  );
}
