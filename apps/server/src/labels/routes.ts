// Labels: the workspace's coloured tags for conversations (billing, bug, vip…). Every agent sees and
// applies them; only admins and owners define them.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses, ZIdParam } from '../platform/schema.ts';
import { ZCreateLabel, ZLabel, ZUpdateLabel } from './schema.ts';
import * as service from './service.ts';

const tags = ['Labels'];

export async function labelsRoutes(app: App) {
  app.get(
    '/api/v1/labels',
    {
      schema: {
        tags,
        summary: 'Labels of the workspace, by name',
        response: { 200: z.object({ items: z.array(ZLabel) }), ...errorResponses },
      },
    },
    async (request) => service.listLabels(request.ctx),
  );

  app.post(
    '/api/v1/labels',
    {
      schema: {
        tags,
        summary: 'Create a label',
        body: ZCreateLabel,
        response: { 201: ZLabel, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createLabel(request.ctx, request.body)),
  );

  app.patch(
    '/api/v1/labels/:id',
    {
      schema: {
        tags,
        summary: 'Change a label',
        params: ZIdParam,
        body: ZUpdateLabel,
        response: { 200: ZLabel, ...errorResponses },
      },
    },
    async (request) => service.updateLabel(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/labels/:id',
    {
      schema: {
        tags,
        summary: 'Delete a label and remove it from every conversation',
        params: ZIdParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.deleteLabel(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
