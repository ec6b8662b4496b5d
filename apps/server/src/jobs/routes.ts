// Background jobs as admins see them: what Parley is doing or failed to do for their workspace
// (mail, later webhooks and syncs), with retries and the dead-letter state.
import { z } from 'zod';
import { requireRole } from '../platform/context.ts';
import { decodeCursor, encodeCursor } from '../platform/cursor.ts';
import type { App } from '../platform/http.ts';
import { errorResponses } from '../platform/schema.ts';
import { countWorkspaceJobs, JOB_STATES, listWorkspaceJobs, type TJobPosition } from './store.ts';

/** The position of the last job shown: its creation time and id. */
function decodeJobPosition(cursor: string | undefined): TJobPosition | undefined {
  const parts = decodeCursor(cursor, ['timestamp', 'uuid']);
  return parts ? { createdOn: parts[0]!, id: parts[1]! } : undefined;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function jobsRoutes(app: App) {
  app.get(
    '/api/v1/jobs',
    {
      schema: {
        tags: ['Jobs'],
        summary: 'Background jobs of the workspace with counts by state',
        querystring: z.strictObject({
          state: z.enum(JOB_STATES).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
          cursor: z.string().max(500).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                state: z.enum(JOB_STATES),
                retryCount: z.number(),
                createdOn: z.string(),
                startedOn: z.string().nullable(),
                completedOn: z.string().nullable(),
              }),
            ),
            counts: z.record(z.enum(JOB_STATES), z.number()),
            nextCursor: z.string().nullable(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { ctx } = request;
      requireRole(ctx, 'admin', 'Only admins and owners can see background jobs');
      const db = ctx.platform.db;
      const rows = await listWorkspaceJobs(db, ctx.workspaceId, {
        state: request.query.state,
        limit: request.query.limit + 1,
        after: decodeJobPosition(request.query.cursor),
      });
      const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<
        (typeof JOB_STATES)[number],
        number
      >;
      for (const c of await countWorkspaceJobs(db, ctx.workspaceId)) {
        counts[c.state] = c.n;
      }
      const items = rows.slice(0, request.query.limit).map((r) => ({
        id: r.id,
        name: r.name,
        state: r.state,
        retryCount: r.retry_count,
        createdOn: iso(r.created_on)!,
        startedOn: iso(r.started_on),
        completedOn: iso(r.completed_on),
      }));
      const last = rows[request.query.limit - 1];
      return {
        items,
        counts,
        nextCursor:
          rows.length > request.query.limit && last ? encodeCursor([last.created_key, last.id]) : null,
      };
    },
  );
}
