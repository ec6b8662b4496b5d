// Workspaces and their members: creating workspaces, listing members, changing roles, removing
// members or leaving, and inviting teammates by email; the workspace's own settings (name, logo,
// defaults, reply assignment). Roles are enforced in service.ts via policy.ts and in settings.ts.
import { z } from 'zod';
import { ZSessionView } from '../accounts/schema.ts';
import { clientMeta, signedIn } from '../accounts/session-reply.ts';
import { readUpload } from '../files/upload.ts';
import type { App } from '../platform/http.ts';
import { errorResponses, fileResponse, ZIdParam, ZPageQuery } from '../platform/schema.ts';
import {
  ZAcceptInvitation,
  ZCreateInvitation,
  ZCreateWorkspace,
  ZInvitation,
  ZInvitationLink,
  ZInvitationLookup,
  ZInvitationPage,
  ZLogoQuery,
  ZMember,
  ZMemberPage,
  ZUpdateMember,
  ZUpdateWorkspaceSettings,
  ZWorkspaceSettings,
  ZWorkspaceSummary,
} from './schema.ts';
import * as service from './service.ts';
import * as settings from './settings.ts';

const tags = ['Workspaces'];

export async function workspacesRoutes(app: App) {
  app.get(
    '/api/v1/workspaces',
    {
      schema: {
        tags,
        summary: 'Workspaces you belong to',
        response: { 200: z.object({ items: z.array(ZWorkspaceSummary) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await service.listMyWorkspaces(request.ctx) }),
  );

  app.post(
    '/api/v1/workspaces',
    {
      schema: {
        tags,
        summary: 'Create a workspace you own',
        body: ZCreateWorkspace,
        response: { 201: ZWorkspaceSummary, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.createWorkspace(request.ctx, request.body.name)),
  );

  app.get(
    '/api/v1/members',
    {
      schema: {
        tags,
        summary: 'Members of the workspace',
        querystring: ZPageQuery,
        response: { 200: ZMemberPage, ...errorResponses },
      },
    },
    async (request) => service.listMembers(request.ctx, request.query),
  );

  app.patch(
    '/api/v1/members/:id',
    {
      schema: {
        tags,
        summary: "Change a member's role",
        params: ZIdParam,
        body: ZUpdateMember,
        response: { 200: ZMember, ...errorResponses },
      },
    },
    async (request) => service.changeMemberRole(request.ctx, request.params.id, request.body.role),
  );

  app.delete(
    '/api/v1/members/:id',
    {
      schema: {
        tags,
        summary: 'Remove a member, or leave when it is you',
        params: ZIdParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.removeMember(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/invitations',
    {
      schema: {
        tags,
        summary: 'Pending invitations',
        querystring: ZPageQuery,
        response: { 200: ZInvitationPage, ...errorResponses },
      },
    },
    async (request) => service.listInvitations(request.ctx, request.query),
  );

  app.post(
    '/api/v1/invitations',
    {
      schema: {
        tags,
        summary: 'Invite a teammate by email',
        body: ZCreateInvitation,
        response: { 201: ZInvitation, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await service.inviteMember(request.ctx, request.body)),
  );

  app.delete(
    '/api/v1/invitations/:id',
    {
      schema: {
        tags,
        summary: 'Revoke a pending invitation',
        params: ZIdParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.revokeInvitation(request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/invitations/:id/resend',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Mail a pending invitation again with a new link and 7 more days',
        params: ZIdParam,
        response: { 200: ZInvitation, ...errorResponses },
      },
    },
    async (request) => service.resendInvitation(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/invitations/:id/link',
    {
      schema: {
        tags,
        summary: 'The link of a pending invitation you sent, to pass on yourself',
        params: ZIdParam,
        response: { 200: ZInvitationLink, ...errorResponses },
      },
    },
    async (request) => service.copyInvitationLink(request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/invitations/lookup',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'What an invitation link is for',
        querystring: z.strictObject({ token: z.string().min(20).max(200) }),
        response: { 200: ZInvitationLookup, ...errorResponses },
      },
    },
    async (request) => service.lookupInvitation(request.ctx, request.query.token),
  );

  app.post(
    '/api/v1/invitations/accept',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Accept an invitation (creates the account if needed) and sign in',
        body: ZAcceptInvitation,
        response: { 200: ZSessionView, ...errorResponses },
      },
    },
    async (request, reply) =>
      signedIn(
        request,
        reply,
        await service.acceptInvitation(request.ctx, request.body, clientMeta(request)),
      ),
  );

  app.get(
    '/api/v1/workspace',
    {
      schema: {
        tags,
        summary: 'Settings of the current workspace',
        response: { 200: ZWorkspaceSettings, ...errorResponses },
      },
    },
    async (request) => settings.getWorkspaceSettings(request.ctx),
  );

  app.patch(
    '/api/v1/workspace',
    {
      schema: {
        tags,
        summary: 'Change the workspace name, defaults or reply assignment (admins and owners)',
        body: ZUpdateWorkspaceSettings,
        response: { 200: ZWorkspaceSettings, ...errorResponses },
      },
    },
    async (request) => settings.updateWorkspaceSettings(request.ctx, request.body),
  );

  app.put(
    '/api/v1/workspace/logo',
    {
      schema: {
        tags,
        summary: 'Upload the workspace logo: PNG, JPEG, GIF or WebP up to 1 MB (multipart, field "file")',
        consumes: ['multipart/form-data'],
        response: { 200: ZWorkspaceSettings, ...errorResponses },
      },
    },
    async (request) => settings.setWorkspaceLogo(request.ctx, () => readUpload(request)),
  );

  app.delete(
    '/api/v1/workspace/logo',
    {
      schema: {
        tags,
        summary: 'Remove the workspace logo',
        response: { 200: ZWorkspaceSettings, ...errorResponses },
      },
    },
    async (request) => settings.removeWorkspaceLogo(request.ctx),
  );

  app.get(
    '/api/v1/workspaces/:id/logo',
    {
      schema: {
        tags,
        summary: 'The logo of a workspace you belong to',
        params: ZIdParam,
        querystring: ZLogoQuery,
        response: { 200: fileResponse('The logo, an image'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const logo = await settings.openWorkspaceLogo(request.ctx, request.params.id);
      return reply
        .header('content-type', logo.contentType)
        .header('content-disposition', 'inline')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header(
          'cache-control',
          request.query.v ? 'private, max-age=31536000, immutable' : 'private, no-cache',
        )
        .send(logo.bytes);
    },
  );
}
