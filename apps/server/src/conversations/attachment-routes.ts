// Attachment downloads through signed, expiring links: usable in <img> tags of the widget and the
// dashboard without a session, served with a safe type and never rendered as a page. The bytes come
// from the platform's file store, so any server process sharing the bucket serves any link.
import { z } from 'zod';
import type { Platform } from '../platform/context.ts';
import type { App } from '../platform/http.ts';
import { errorResponses, fileResponse } from '../platform/schema.ts';
import { openSignedAttachment } from './attachments.ts';

export async function attachmentRoutes(app: App, platform: Platform) {
  app.get(
    '/api/files/:id',
    {
      schema: {
        tags: ['Files'],
        summary: 'Download an attachment through a signed link',
        params: z.strictObject({ id: z.string().min(1).max(100) }),
        querystring: z.strictObject({ exp: z.coerce.number().int(), sig: z.string().min(10).max(200) }),
        response: { 200: fileResponse('The file, under its own content type'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await openSignedAttachment(
        platform,
        request.params.id,
        request.query.exp,
        request.query.sig,
      );
      const disposition = file.isInline ? 'inline' : 'attachment';
      return reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          `${disposition}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=3600')
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(file.bytes);
    },
  );
}
