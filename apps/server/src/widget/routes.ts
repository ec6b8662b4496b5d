// The visitor API behind the website widget: boot, identify, the visitor's own conversations and
// messages, attachments, page views. Any origin may call it; the visitor token is the only credential
// and reads only its own contact's conversations.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listConversationsForVisitor,
  listMessagesForVisitor,
  markReadByVisitor,
} from '../conversations/service.ts';
import { publishTyping } from '../conversations/typing.ts';
import { readUpload } from '../files/upload.ts';
import { isServableAsset } from '../ops/dashboard.ts';
import type { Platform, VisitorCtx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import type { App } from '../platform/http.ts';
import { errorResponses } from '../platform/schema.ts';
import {
  ZAttachment,
  ZBoot,
  ZBootResponse,
  ZContactPatch,
  ZConversationParam,
  ZIdentify,
  ZIdentifyResponse,
  ZMessagesQuery,
  ZPage,
  ZStartConversation,
  ZStartedConversation,
  ZVisitorContact,
  ZVisitorConversationPage,
  ZVisitorConversationsQuery,
  ZVisitorMessage,
  ZVisitorMessagesPage,
  ZVisitorMessageView,
} from './schema.ts';
import * as service from './service.ts';

export const WIDGET_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../widget/dist');
const tags = ['Widget (visitors)'];

declare module 'fastify' {
  interface FastifyRequest {
    visitor: VisitorCtx | null;
  }
  interface FastifyContextConfig {
    /** The handler's write checks the visitor token again in its transaction: resolve it from memory. */
    isVisitorCheckedOnWrite?: boolean;
  }
}

function visitorOf(request: FastifyRequest): VisitorCtx {
  return known(request.visitor);
}

function known(visitor: VisitorCtx | null): VisitorCtx {
  if (!visitor) {
    throw new AppError('unauthenticated', 'Unknown or expired visitor token; boot the widget again');
  }
  return visitor;
}

export async function widgetRoutes(app: App, platform: Platform) {
  await app.register(
    async (instance) => {
      const scope = instance.withTypeProvider<ZodTypeProvider>();
      await scope.register(cors, {
        origin: true,
        credentials: false,
        methods: ['GET', 'POST', 'PATCH'],
        allowedHeaders: ['content-type', 'x-parley-visitor'],
        maxAge: 86400,
      });
      scope.decorateRequest('visitor', null);
      // Called from customers' sites: beacons and fetches must not be blocked by the resource policy.
      scope.addHook('onSend', async (_request, reply, payload) => {
        reply.header('cross-origin-resource-policy', 'cross-origin');
        return payload;
      });
      scope.addHook('onRequest', async (request) => {
        const token = tokenOf(request);
        if (token) {
          request.visitor = request.routeOptions.config.isVisitorCheckedOnWrite
            ? await service.resolveVisitorForWrite(platform, token)
            : await service.resolveVisitor(platform, token);
        }
      });

      scope.post(
        '/boot',
        {
          config: { rateLimit: { max: platform.config.WIDGET_BOOT_RATE_LIMIT, timeWindow: '1 minute' } },
          schema: {
            tags,
            summary: 'Start the widget on a page',
            body: ZBoot,
            response: { 200: ZBootResponse, ...errorResponses },
          },
        },
        async (request) => service.boot(platform, request.body, request.headers['user-agent'] ?? null),
      );

      scope.post(
        '/identify',
        {
          schema: {
            tags,
            summary: 'Identify the visitor as a user of the business',
            body: ZIdentify,
            response: { 200: ZIdentifyResponse, ...errorResponses },
          },
        },
        async (request) => service.identify(visitorOf(request), request.body),
      );

      scope.post(
        '/reset',
        {
          schema: {
            tags,
            summary: 'Forget this visitor token (sign-out)',
            response: { 204: z.null(), ...errorResponses },
          },
        },
        async (request, reply) => {
          await service.resetVisitor(visitorOf(request));
          return reply.status(204).send(null);
        },
      );

      scope.patch(
        '/contact',
        {
          schema: {
            tags,
            summary: "Set the visitor's name or email",
            body: ZContactPatch,
            response: { 200: ZVisitorContact, ...errorResponses },
          },
        },
        async (request) => service.updateVisitorContact(visitorOf(request), request.body),
      );

      scope.get(
        '/conversations',
        {
          schema: {
            tags,
            summary: "The visitor's conversations, most recent first",
            querystring: ZVisitorConversationsQuery,
            response: { 200: ZVisitorConversationPage, ...errorResponses },
          },
        },
        async (request) => listConversationsForVisitor(visitorOf(request), request.query),
      );

      scope.post(
        '/conversations',
        {
          config: { rateLimit: { max: 20, timeWindow: '1 minute', keyGenerator: visitorKey } },
          schema: {
            tags,
            summary: 'Start a conversation',
            body: ZStartConversation,
            response: { 201: ZStartedConversation, ...errorResponses },
          },
        },
        async (request, reply) =>
          reply.status(201).send(await service.startConversation(visitorOf(request), request.body)),
      );

      scope.get(
        '/conversations/:id/messages',
        {
          schema: {
            tags,
            summary: 'Messages of one of your conversations',
            params: ZConversationParam,
            querystring: ZMessagesQuery,
            response: { 200: ZVisitorMessagesPage, ...errorResponses },
          },
        },
        async (request) => listMessagesForVisitor(visitorOf(request), request.params.id, request.query),
      );

      scope.post(
        '/conversations/:id/messages',
        {
          config: {
            rateLimit: {
              max: platform.config.VISITOR_MESSAGE_RATE_LIMIT,
              timeWindow: '1 minute',
              keyGenerator: visitorKey,
            },
            isVisitorCheckedOnWrite: true,
          },
          schema: {
            tags,
            summary: 'Send a message',
            params: ZConversationParam,
            body: ZVisitorMessage,
            response: { 201: ZVisitorMessageView, ...errorResponses },
          },
        },
        async (request, reply) => {
          let ctx = visitorOf(request);
          if (request.body.attachmentIds?.length) {
            // Attachments are checked against the contact outside the group commit: read it fresh.
            ctx = known(await service.resolveVisitor(platform, tokenOf(request) ?? ''));
          }
          return reply.status(201).send(await service.sendMessage(ctx, request.params.id, request.body));
        },
      );

      scope.post(
        '/conversations/:id/read',
        {
          schema: {
            tags,
            summary: "Mark the team's replies read",
            params: ZConversationParam,
            response: { 204: z.null(), ...errorResponses },
          },
        },
        async (request, reply) => {
          await markReadByVisitor(visitorOf(request), request.params.id);
          return reply.status(204).send(null);
        },
      );

      scope.post(
        '/conversations/:id/typing',
        {
          config: { rateLimit: { max: 60, timeWindow: '1 minute', keyGenerator: visitorKey } },
          schema: {
            tags,
            summary: 'Tell the team the visitor is typing',
            params: ZConversationParam,
            body: z.strictObject({ isTyping: z.boolean() }),
            response: { 204: z.null(), ...errorResponses },
          },
        },
        async (request, reply) => {
          await publishTyping(visitorOf(request), request.params.id, request.body.isTyping);
          return reply.status(204).send(null);
        },
      );

      scope.post(
        '/attachments',
        {
          config: { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: visitorKey } },
          schema: {
            tags,
            summary: 'Upload a file (multipart, field "file")',
            consumes: ['multipart/form-data'],
            response: { 201: ZAttachment, ...errorResponses },
          },
        },
        async (request, reply) => {
          const ctx = visitorOf(request);
          return reply
            .status(201)
            .send(await service.uploadVisitorAttachment(ctx, () => readUpload(request)));
        },
      );

      scope.post(
        '/page-views',
        {
          schema: {
            tags,
            summary: 'Record a page view',
            body: ZPage,
            response: { 201: z.object({ id: z.string() }), ...errorResponses },
          },
        },
        async (request, reply) =>
          reply.status(201).send(await service.addPageView(visitorOf(request), request.body)),
      );

      // sendBeacon posts text/plain; accept it as JSON here only.
      scope.addContentTypeParser('text/plain', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) => {
        try {
          done(null, JSON.parse(body as string));
        } catch {
          done(new AppError('invalid_json', 'The request body is not valid JSON'));
        }
      });
      scope.post(
        '/page-views/:id/duration',
        {
          schema: {
            tags,
            summary: 'Record how long a page was open',
            params: ZConversationParam,
            querystring: z.object({ token: z.string().optional() }),
            body: z.strictObject({
              durationMs: z
                .number()
                .int()
                .min(0)
                .max(7 * 24 * 3600 * 1000),
            }),
            response: { 204: z.null(), ...errorResponses },
          },
        },
        async (request, reply) => {
          await service.recordDuration(visitorOf(request), request.params.id, request.body.durationMs);
          return reply.status(204).send(null);
        },
      );
    },
    { prefix: '/api/widget/v1' },
  );

  await registerWidgetAssets(app);
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-parley-visitor'];
  return typeof header === 'string' ? header : (request.query as { token?: string } | undefined)?.token;
}

function visitorKey(request: FastifyRequest) {
  return request.visitor?.actor.visitorId ?? request.ip;
}

/** The loader at /widget.js and the chat bundle at /widget/chat.js, loadable from any site. */
async function registerWidgetAssets(app: App) {
  if (!existsSync(path.join(WIDGET_DIST, 'widget.js'))) {
    app.get('/widget.js', { schema: { hide: true } }, async (_request, reply) =>
      reply
        .status(503)
        .type('application/javascript')
        .send('/* The Parley widget is not built: run npm start */'),
    );
    return;
  }
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root: WIDGET_DIST,
      prefix: '/widget/',
      index: false,
      allowedPath: isServableAsset,
      setHeaders: (reply) => {
        reply.header('cross-origin-resource-policy', 'cross-origin');
        reply.header('access-control-allow-origin', '*');
        reply.header('cache-control', 'public, max-age=300');
      },
    });
    scope.get('/widget.js', { schema: { hide: true } }, async (_request, reply) => {
      reply.header('cross-origin-resource-policy', 'cross-origin');
      reply.header('access-control-allow-origin', '*');
      reply.header('cache-control', 'public, max-age=300');
      return reply.type('application/javascript; charset=utf-8').sendFile('widget.js');
    });
  });
}
