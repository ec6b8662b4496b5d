// The developer mailbox: while no SMTP server is configured, transactional mail is logged and kept
// here so a first user can still follow invitation, reset and sign-in links.
import { z } from 'zod';
import { findUserById } from '../accounts/service.ts';
import { requireUser, roleAtLeast } from '../platform/context.ts';
import type { App } from '../platform/http.ts';
import { errorResponses } from '../platform/schema.ts';
import { workspacesOfUser } from '../workspaces/service.ts';
import { listDevMails } from './store.ts';

export async function mailRoutes(app: App) {
  app.get(
    '/api/v1/dev-mailbox',
    {
      schema: {
        tags: ['Developer mailbox'],
        summary: 'Mail logged while no SMTP server is configured',
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
    async (request) => {
      const { ctx } = request;
      requireUser(ctx);
      if (ctx.platform.config.SMTP_URL) {
        return { enabled: false, items: [] };
      }
      const user = await findUserById(ctx.platform.db, ctx.actor.userId);
      const managed = (await workspacesOfUser(ctx.platform.db, ctx.actor.userId))
        .filter((w) => roleAtLeast(w.role, 'admin'))
        .map((w) => w.id);
      const rows = await listDevMails(ctx.platform.db, user?.email ?? '', managed, 100);
      return { enabled: true, items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
    },
  );
}
