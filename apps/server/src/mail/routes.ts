// The developer mailbox: while no SMTP server is configured, transactional mail is kept here so a
// first user can still follow reset and sign-in links. Each person sees only the mail sent to them.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses } from '../platform/schema.ts';
import { devMailbox } from './service.ts';

export async function mailRoutes(app: App) {
  app.get(
    '/api/v1/dev-mailbox',
    {
      schema: {
        tags: ['Developer mailbox'],
        summary: 'Mail sent to you while no SMTP server is configured',
        response: {
          200: z.object({
            enabled: z.boolean(),
            items: z.array(
              z.object({
                id: z.string(),
                to: z.string(),
                subject: z.string(),
                text: z.string(),
                createdAt: z.string(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => devMailbox(request.ctx),
  );
}
