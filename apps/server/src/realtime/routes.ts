// Realtime delivery over WebSockets: one endpoint for agents (session cookie or API token) and one for
// visitors (visitor token), plus who of the team is online. Events carry a per-workspace sequence
// number; a reconnecting client sends the last one it saw and first receives everything it missed.
import websocket from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findUserById } from '../members/lookup.ts';
import type { Platform } from '../platform/context.ts';
import type { App } from '../platform/http.ts';
import type { TSocketHolder } from '../platform/realtime.ts';
import { errorResponses } from '../platform/schema.ts';
import { resolveVisitor } from '../widget/service.ts';
import { DeliveryMarks } from './delivery-marks.ts';
import { watchRevocations } from './open-sockets.ts';
import { AgentPresence, listPresence } from './presence.ts';
import {
  CLOSE_POLICY,
  CLOSE_UNAUTHENTICATED,
  keepEarlyFrames,
  serveClient,
  type TSocketShared,
} from './sockets.ts';

function isSameOrigin(platform: Platform, request: FastifyRequest) {
  const origin = request.headers.origin;
  if (!origin) {
    return true;
  }
  try {
    return (
      new URL(origin).origin === new URL(platform.config.publicUrl).origin ||
      new URL(origin).host === request.headers.host
    );
  } catch {
    return false;
  }
}

export async function realtimeRoutes(app: App, platform: Platform) {
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  const shared: TSocketShared = {
    marks: new DeliveryMarks(platform),
    presence: new AgentPresence(platform),
    pingMs: platform.config.REALTIME_PING_MS,
  };
  const stopWatching = watchRevocations(platform);
  app.addHook('onClose', async () => {
    stopWatching();
    // Messages the sockets received before the app stopped are still marked delivered.
    await shared.marks.close();
  });

  app.get(
    '/api/v1/presence',
    {
      schema: {
        tags: ['Realtime'],
        summary: 'Agents online or away (others are offline); changes arrive as presence frames',
        response: {
          200: z.object({
            items: z.array(z.object({ userId: z.string(), status: z.enum(['online', 'away']) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await listPresence(request.ctx) }),
  );

  app.get('/api/v1/ws', { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const early = keepEarlyFrames(socket);
    const { ctx } = request;
    // A page on another site must not ride the agent's cookie into the socket.
    if (!isSameOrigin(platform, request)) {
      socket.close(CLOSE_POLICY, 'origin not allowed');
      return;
    }
    if (!ctx.actor || !ctx.workspaceId || ctx.actor.kind === 'visitor') {
      socket.close(CLOSE_UNAUTHENTICATED, 'sign in first');
      return;
    }
    const actor = ctx.actor;
    const workspaceId = ctx.workspaceId;
    const userId = actor.kind === 'user' ? actor.userId : null;
    const holders: TSocketHolder[] =
      actor.kind === 'user'
        ? [
            { kind: 'session', sessionId: actor.sessionId },
            { kind: 'member', workspaceId, userId: actor.userId },
          ]
        : // A token speaks for its creator: their removal or change of role reaches its sockets too.
          [
            { kind: 'api_token', tokenId: actor.tokenId },
            { kind: 'member', workspaceId, userId: actor.createdBy },
          ];
    const name = userId ? ((await findUserById(platform.db, userId))?.name ?? 'Agent') : 'API';
    if (socket.readyState !== socket.OPEN) {
      // Gone while we looked: nothing to serve, nothing to keep.
      return;
    }
    serveClient(
      platform,
      socket,
      {
        kind: 'agent',
        scope: { platform, workspaceId },
        userId,
        name,
        holders,
        credentialsReadAt: request.authenticatedAt,
      },
      shared,
      early.stop(),
    );
  });

  app.get('/api/widget/v1/ws', { websocket: true, schema: { hide: true } }, async (socket, request) => {
    const early = keepEarlyFrames(socket);
    const token = (request.query as { token?: string }).token;
    const credentialsReadAt = Date.now();
    const visitor = token ? await resolveVisitor(platform, token) : null;
    if (!visitor) {
      socket.close(CLOSE_UNAUTHENTICATED, 'unknown visitor token');
      return;
    }
    if (socket.readyState !== socket.OPEN) {
      return;
    }
    serveClient(
      platform,
      socket,
      {
        kind: 'visitor',
        scope: { platform, workspaceId: visitor.workspaceId },
        contactId: visitor.actor.contactId,
        visitor,
        holders: [
          { kind: 'visitor', visitorId: visitor.actor.visitorId },
          { kind: 'contact', workspaceId: visitor.workspaceId, contactId: visitor.actor.contactId },
          { kind: 'inbox', workspaceId: visitor.workspaceId, inboxId: visitor.actor.inboxId },
        ],
        credentialsReadAt,
      },
      shared,
      early.stop(),
    );
  });
}
