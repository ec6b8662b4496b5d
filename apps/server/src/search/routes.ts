// Search across the workspace: messages by their words and their attachments' names (highlighted
// snippets), contacts by name, email or phone. Message words are indexed before the text is sealed,
// where the workspace allows it.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses } from '../platform/schema.ts';
import * as service from './service.ts';

const ZSnippet = z.array(z.object({ text: z.string(), isMatch: z.boolean() }));

export async function searchRoutes(app: App) {
  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['Search'],
        summary: 'Search messages and contacts',
        querystring: z.strictObject({
          q: z.string().trim().min(1, 'Type something to search for').max(200),
          limit: z.coerce.number().int().min(1).max(50).default(20),
        }),
        response: {
          200: z.object({
            query: z.string(),
            terms: z.array(z.string()),
            messages: z.array(
              z.object({
                id: z.string(),
                conversationId: z.string(),
                kind: z.enum(['incoming', 'outgoing', 'note', 'activity']),
                contact: z.object({
                  id: z.string(),
                  name: z.string().nullable(),
                  email: z.string().nullable(),
                }),
                createdAt: z.string(),
                snippet: ZSnippet,
                attachments: z.array(z.object({ id: z.string(), filename: z.string(), snippet: ZSnippet })),
              }),
            ),
            contacts: z.array(
              z.object({
                id: z.string(),
                name: z.string().nullable(),
                email: z.string().nullable(),
                phone: z.string().nullable(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.search(request.ctx, request.query),
  );
}
