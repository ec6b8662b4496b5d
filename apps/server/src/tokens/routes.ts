// API tokens: long-lived credentials for the REST API, scoped to one workspace and a role,
// shown once at creation and stored hashed.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses, page, ZIdParam, ZName, ZPageQuery } from '../platform/schema.ts';
import * as service from './service.ts';

const tags = ['API tokens'];

const ZApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'agent']),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  })
  .meta({ id: 'ApiToken' });

export async function tokensRoutes(app: App) {
  app.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags,
        summary: 'Active API tokens of the workspace',
        querystring: ZPageQuery,
        response: { 200: page(ZApiToken), ...errorResponses },
      },
    },
    async (request) => service.listApiTokens(request.ctx, request.query),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags,
        summary: 'Create an API token (the secret is shown once)',
        body: z.strictObject({ name: ZName, role: z.enum(['admin', 'agent']) }),
        response: { 201: z.object({ token: z.string(), apiToken: ZApiToken }), ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createApiToken(request.ctx, request.body)),
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: ZIdParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.revokeApiToken(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
