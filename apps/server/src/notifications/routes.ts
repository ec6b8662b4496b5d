// Notifications for teammates: @mentions in private notes, listed in the dashboard, delivered live
// over the agent socket and by email.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses, ZPageQuery } from '../platform/schema.ts';
import { ZNotificationsPage } from './schema.ts';
import * as service from './service.ts';

const tags = ['Notifications'];

export async function notificationsRoutes(app: App) {
  app.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'Your notifications, newest first, with the unread count',
        querystring: ZPageQuery,
        response: { 200: ZNotificationsPage, ...errorResponses },
      },
    },
    async (request) => service.listNotifications(request.ctx, request.query),
  );
  app.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark a notification read',
        params: z.strictObject({ id: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.markNotificationsRead(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/v1/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.markNotificationsRead(request.ctx, null);
      return reply.status(204).send(null);
    },
  );
}
