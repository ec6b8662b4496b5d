// Accounts: first-run setup, signing in and out (password, emailed link), password reset, the
// current session and the user's own profile. Sessions are server-side rows behind an httpOnly cookie.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readUpload } from '../files/upload.ts';
import type { App } from '../platform/http.ts';
import { errorResponses, page, ZIdParam, ZPageQuery } from '../platform/schema.ts';
import {
  ZChangePassword,
  ZEmailOnly,
  ZProfilePatch,
  ZResetConfirm,
  ZSessionView,
  ZSetup,
  ZSignedInSession,
  ZSignIn,
  ZSwitchWorkspace,
  ZTokenOnly,
  ZUser,
} from './schema.ts';
import * as service from './service.ts';
import { clientMeta as meta, signedIn } from './session-reply.ts';

const tags = ['Accounts'];

const perIpAndEmail = (max: number) => ({
  rateLimit: {
    max,
    timeWindow: '1 minute',
    keyGenerator: (request: FastifyRequest) => {
      const body = request.body as { email?: unknown } | undefined;
      const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '';
      return `${request.ip}|${email}`;
    },
  },
});

export async function accountsRoutes(app: App) {
  app.get(
    '/api/v1/setup/status',
    {
      schema: {
        tags,
        summary: 'Whether Parley still needs its first account',
        response: { 200: z.object({ needsSetup: z.boolean() }) },
      },
    },
    async (request) => ({ needsSetup: await service.needsSetup(request.ctx.platform) }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: perIpAndEmail(10),
      schema: {
        tags,
        summary: 'Create the owner account and first workspace',
        body: ZSetup,
        response: { 201: ZSessionView, ...errorResponses },
      },
    },
    async (request, reply) =>
      signedIn(
        request,
        reply,
        await service.completeSetup(request.ctx.platform, request.body, meta(request)),
        201,
      ),
  );

  app.post(
    '/api/v1/auth/sign-in',
    {
      config: perIpAndEmail(10),
      schema: {
        tags,
        summary: 'Sign in with email and password',
        body: ZSignIn,
        response: { 200: ZSessionView, ...errorResponses },
      },
    },
    async (request, reply) =>
      signedIn(request, reply, await service.signIn(request.ctx.platform, request.body, meta(request))),
  );

  app.post(
    '/api/v1/auth/sign-out',
    { schema: { tags, summary: 'End the current session', response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await service.signOut(request.ctx);
      reply.clearCookie(service.SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/session',
    {
      schema: {
        tags,
        summary: 'The signed-in user, workspace, role and CSRF token',
        response: { 200: ZSessionView, ...errorResponses },
      },
    },
    async (request) => service.sessionView(request.ctx),
  );

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: perIpAndEmail(5),
      schema: {
        tags,
        summary: 'Email a password-reset link (always 202)',
        body: ZEmailOnly,
        response: {
          202: z.undefined().describe('Accepted; a mail is sent if the account exists'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      await service.requestPasswordReset(request.ctx.platform, request.body.email);
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Set a new password with a reset link',
        body: ZResetConfirm,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.confirmPasswordReset(request.ctx.platform, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/sign-in-link',
    {
      config: perIpAndEmail(5),
      schema: {
        tags,
        summary: 'Email a one-time sign-in link (always 202)',
        body: ZEmailOnly,
        response: {
          202: z.undefined().describe('Accepted; a mail is sent if the account exists'),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      await service.requestSignInLink(request.ctx.platform, request.body.email);
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/v1/auth/sign-in-link/confirm',
    {
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Sign in with an emailed link',
        body: ZTokenOnly,
        response: { 200: ZSessionView, ...errorResponses },
      },
    },
    async (request, reply) =>
      signedIn(
        request,
        reply,
        await service.confirmSignInLink(request.ctx.platform, request.body.token, meta(request)),
      ),
  );

  app.post(
    '/api/v1/auth/switch-workspace',
    {
      schema: {
        tags,
        summary: 'Make another of your workspaces current',
        body: ZSwitchWorkspace,
        response: { 200: ZSessionView, ...errorResponses },
      },
    },
    async (request) =>
      service.sessionView(await service.switchWorkspace(request.ctx, request.body.workspaceId)),
  );

  app.get(
    '/api/v1/me',
    { schema: { tags, summary: 'Your profile', response: { 200: ZUser, ...errorResponses } } },
    async (request) => service.getProfile(request.ctx),
  );

  app.patch(
    '/api/v1/me',
    {
      schema: {
        tags,
        summary: 'Edit your profile',
        body: ZProfilePatch,
        response: { 200: ZUser, ...errorResponses },
      },
    },
    async (request) => service.updateProfile(request.ctx, request.body),
  );

  app.put(
    '/api/v1/me/avatar',
    {
      schema: {
        tags,
        summary: 'Upload your profile picture (multipart field file: PNG, JPEG, GIF or WebP, up to 2 MB)',
        consumes: ['multipart/form-data'],
        response: { 200: ZUser, ...errorResponses },
      },
    },
    async (request) => {
      const { bytes } = await readUpload(request);
      return service.setAvatar(request.ctx, bytes);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags,
        summary: 'Change your password (signs out your other sessions)',
        body: ZChangePassword,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.changePassword(request.ctx, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/sessions',
    {
      schema: {
        tags,
        summary: 'Your signed-in sessions (devices and browsers), newest first',
        querystring: ZPageQuery,
        response: { 200: page(ZSignedInSession), ...errorResponses },
      },
    },
    async (request) => service.listMySessions(request.ctx, request.query),
  );

  app.delete(
    '/api/v1/me/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Sign out one of your sessions (its open connections close at once)',
        params: ZIdParam,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      if (await service.revokeMySession(request.ctx, request.params.id)) {
        reply.clearCookie(service.SESSION_COOKIE, { path: '/' });
      }
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/sessions/revoke-others',
    {
      schema: {
        tags,
        summary: 'Sign out all your other sessions',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.revokeMyOtherSessions(request.ctx);
      return reply.status(204).send(null);
    },
  );
}
