import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../platform/context.ts';
import * as service from './service.ts';

export function clientMeta(request: FastifyRequest): service.TClientMeta {
  return { userAgent: request.headers['user-agent'] ?? null, ip: request.ip };
}

/** Sets the cookie of a new session and answers with the session view. */
export async function signedIn(
  request: FastifyRequest,
  reply: FastifyReply,
  started: service.TStartedSession,
  status = 200,
) {
  const { config } = request.ctx.platform;
  reply.setCookie(service.SESSION_COOKIE, started.secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https://'),
    path: '/',
    maxAge: service.SESSION_DAYS * 24 * 60 * 60,
  });
  const ctx: Ctx = {
    ...request.ctx,
    actor: { kind: 'user', userId: started.user.id, sessionId: started.session.id },
    workspaceId: started.session.workspaceId,
    csrfToken: started.session.csrfToken,
  };
  return reply.status(status).send(await service.sessionView(ctx));
}
