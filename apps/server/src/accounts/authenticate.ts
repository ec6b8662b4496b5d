import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx, Platform } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { resolveApiToken } from '../tokens/service.ts';
import { resolveSession, SESSION_COOKIE } from './service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    /** When the credentials were read: a socket opened with them ends on a revocation since then. */
    authenticatedAt: number;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Builds `request.ctx` from a bearer API token or the session cookie. Cookie-authenticated writes must
 * carry the session's CSRF token in `x-csrf-token`; bearer requests cannot be forged by a browser.
 */
export function authenticate(platform: Platform) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const ctx: Ctx = { platform, actor: null, workspaceId: null, role: null, csrfToken: null };
    request.ctx = ctx;
    request.authenticatedAt = Date.now();
    if (!request.url.startsWith('/api/v1/')) {
      // Operator endpoints, static files and the visitor API (widget/) have their own rules.
      return;
    }
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const token = match?.[1] ? await resolveApiToken(platform, match[1]) : null;
      if (!token) {
        throw new AppError('unauthenticated', 'The API token is missing, malformed, revoked or unknown');
      }
      ctx.actor = { kind: 'token', tokenId: token.id, userId: null, createdBy: token.createdBy };
      ctx.workspaceId = token.workspaceId;
      ctx.role = token.role;
      return;
    }
    const secret = request.cookies[SESSION_COOKIE];
    if (!secret) {
      return;
    }
    const resolved = await resolveSession(platform, secret);
    if (!resolved) {
      return;
    }
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== resolved.session.csrfToken) {
      throw new AppError('csrf_failed', 'The request is missing a valid x-csrf-token header');
    }
    ctx.actor = { kind: 'user', userId: resolved.session.userId, sessionId: resolved.session.id };
    ctx.workspaceId = resolved.session.workspaceId;
    ctx.role = resolved.role;
    ctx.csrfToken = resolved.session.csrfToken;
  };
}
