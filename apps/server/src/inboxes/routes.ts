// Inboxes: one per channel (this release: the website widget). Settings drive the widget's look,
// greeting, pre-chat form, business hours and identity verification.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses, ZIdParam } from '../platform/schema.ts';
import { ZCreateInbox, ZInbox, ZUpdateInbox } from './schema.ts';
import * as service from './service.ts';

const tags = ['Inboxes'];

export async function inboxesRoutes(app: App) {
  app.get(
    '/api/v1/inboxes',
    {
      schema: {
        tags,
        summary: 'Inboxes of the workspace',
        response: { 200: z.object({ items: z.array(ZInbox) }), ...errorResponses },
      },
    },
    async (request) => service.listInboxes(request.ctx),
  );
  app.post(
    '/api/v1/inboxes',
    {
      schema: {
        tags,
        summary: 'Create a website inbox',
        body: ZCreateInbox,
        response: { 201: ZInbox, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createInbox(request.ctx, request.body)),
  );
  app.get(
    '/api/v1/inboxes/:id',
    {
      schema: { tags, summary: 'One inbox', params: ZIdParam, response: { 200: ZInbox, ...errorResponses } },
    },
    async (request) => service.getInbox(request.ctx, request.params.id),
  );
  app.patch(
    '/api/v1/inboxes/:id',
    {
      schema: {
        tags,
        summary: 'Change an inbox',
        params: ZIdParam,
        body: ZUpdateInbox,
        response: { 200: ZInbox, ...errorResponses },
      },
    },
    async (request) => service.updateInbox(request.ctx, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/inboxes/:id',
    {
      schema: {
        tags,
        summary: 'Delete an inbox and its conversations',
        params: ZIdParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.deleteInbox(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
