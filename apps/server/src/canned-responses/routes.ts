// Canned responses: saved replies an agent inserts by typing `/shortcut` in the composer. Every agent
// may search, add, change and delete them; a shortcut is unique in its workspace.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses, ZIdParam } from '../platform/schema.ts';
import {
  ZCannedResponse,
  ZCannedResponseQuery,
  ZCreateCannedResponse,
  ZUpdateCannedResponse,
} from './schema.ts';
import * as service from './service.ts';

const tags = ['Canned responses'];

export async function cannedResponsesRoutes(app: App) {
  app.get(
    '/api/v1/canned-responses',
    {
      schema: {
        tags,
        summary: 'Canned responses of the workspace by shortcut, optionally filtered',
        querystring: ZCannedResponseQuery,
        response: { 200: z.object({ items: z.array(ZCannedResponse) }), ...errorResponses },
      },
    },
    async (request) => service.listCannedResponses(request.ctx, request.query),
  );

  app.post(
    '/api/v1/canned-responses',
    {
      schema: {
        tags,
        summary: 'Save a canned response',
        body: ZCreateCannedResponse,
        response: { 201: ZCannedResponse, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createCannedResponse(request.ctx, request.body)),
  );

  app.patch(
    '/api/v1/canned-responses/:id',
    {
      schema: {
        tags,
        summary: 'Change a canned response',
        params: ZIdParam,
        body: ZUpdateCannedResponse,
        response: { 200: ZCannedResponse, ...errorResponses },
      },
    },
    async (request) => service.updateCannedResponse(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/canned-responses/:id',
    {
      schema: {
        tags,
        summary: 'Delete a canned response',
        params: ZIdParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.deleteCannedResponse(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
