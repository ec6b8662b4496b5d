// Teams: groups of agents (Sales, Support, Billing) that conversations can be routed to. Every agent
// sees the teams and who is on them; only admins and owners form and change them.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses, ZIdParam } from '../platform/schema.ts';
import { ZCreateTeam, ZTeam, ZTeamMemberParams, ZUpdateTeam } from './schema.ts';
import * as service from './service.ts';

const tags = ['Teams'];

export async function teamsRoutes(app: App) {
  app.get(
    '/api/v1/teams',
    {
      schema: {
        tags,
        summary: 'Teams of the workspace with their members, by name',
        response: { 200: z.object({ items: z.array(ZTeam) }), ...errorResponses },
      },
    },
    async (request) => service.listTeams(request.ctx),
  );

  app.post(
    '/api/v1/teams',
    {
      schema: {
        tags,
        summary: 'Create a team',
        body: ZCreateTeam,
        response: { 201: ZTeam, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await service.createTeam(request.ctx, request.body)),
  );

  app.patch(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        summary: 'Rename a team or change its description',
        params: ZIdParam,
        body: ZUpdateTeam,
        response: { 200: ZTeam, ...errorResponses },
      },
    },
    async (request) => service.updateTeam(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        summary: 'Delete a team (its conversations keep no team)',
        params: ZIdParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.deleteTeam(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/teams/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Add a workspace member to a team',
        params: ZTeamMemberParams,
        response: { 200: ZTeam, ...errorResponses },
      },
    },
    async (request) => service.addTeamMember(request.ctx, request.params.id, request.params.userId),
  );

  app.delete(
    '/api/v1/teams/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Remove someone from a team',
        params: ZTeamMemberParams,
        response: { 200: ZTeam, ...errorResponses },
      },
    },
    async (request) => service.removeTeamMember(request.ctx, request.params.id, request.params.userId),
  );
}
