// Background jobs as admins see them: what Parley is doing or failed to do for their workspace
// (mail, later webhooks and syncs), with retries and the dead-letter state.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses } from '../platform/schema.ts';
import { listJobs } from './service.ts';
import { JOB_STATES } from './store.ts';

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
    async (request) => listJobs(request.ctx, request.query),
  );
}
