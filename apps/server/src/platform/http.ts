import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppError, ERROR_STATUS, type TErrorCode } from './errors.ts';
import type { Metrics } from './metrics.ts';
import { refuseUnstorableText } from './text.ts';

export const BODY_LIMIT = 1024 * 1024;

function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, ...(details === undefined ? {} : { details }) } };
}

/** Answers with the error shape; the status is the code's, from the one table in errors.ts. */
export function sendError(reply: FastifyReply, code: TErrorCode, message: string, details?: unknown) {
  return replyWithError(reply, ERROR_STATUS[code], code, message, details);
}

function replyWithError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  details?: unknown,
) {
  return reply
    .status(status)
    .type('application/json')
    .send(errorBody(code, message, details));
}

/** Maps every thrown error to the one error shape; only the unexpected ones are 500 and logged as errors. */
function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return sendError(reply, error.code, error.message, error.details);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({
      path: `${error.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`.replace(/\.$/, ''),
      message: v.message,
    }));
    const first = issues[0];
    return sendError(
      reply,
      'validation_failed',
      first ? `${first.path}: ${first.message}` : 'The request is not valid',
      { issues },
    );
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'response did not match its schema');
    return sendError(reply, 'internal', 'Something went wrong on our side');
  }
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendError(reply, 'invalid_json', 'The request body is not valid JSON');
    case 'FST_REQ_FILE_TOO_LARGE':
      return sendError(reply, 'payload_too_large', 'The file is larger than the limit of 10 MB');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendError(reply, 'payload_too_large', `The request body is larger than ${BODY_LIMIT} bytes`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(reply, 'unsupported_media_type', 'Send the request body as application/json');
    default:
      break;
  }
  if (fe.statusCode === 429) {
    return sendError(reply, 'rate_limited', 'Too many attempts; wait a minute and try again');
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Any other refusal of the framework's keeps its own status (405, 406, …) under the general code.
    return replyWithError(reply, fe.statusCode, 'bad_request', fe.message);
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(reply, 'internal', 'Something went wrong on our side');
}

export async function createHttpServer(opts: {
  log: Logger;
  metrics: Metrics;
  trustProxy: boolean;
  isHttps: boolean;
}) {
  const app = Fastify({
    loggerInstance: opts.log,
    bodyLimit: BODY_LIMIT,
    trustProxy: opts.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Errors raised before routing (a URL that does not decode) would otherwise skip the error shape.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      if (error.code === 'FST_ERR_BAD_URL') {
        return sendError(reply, 'bad_request', 'The request URL is not valid');
      }
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        return sendError(reply, 'uri_too_long', 'A part of the request URL is too long');
      }
      request.log.error({ err: error }, 'unhandled framework error');
      return sendError(reply, 'internal', 'Something went wrong on our side');
    },
  }).withTypeProvider<ZodTypeProvider>();

  // Every route, kept so tests can prove that each one with an id refuses other workspaces' ids.
  const routes: { method: string; url: string }[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') {
        routes.push({ method, url: route.url });
      }
    }
  });
  app.decorate('parleyRoutes', routes);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('preValidation', refuseUnstorableText);
  // The API speaks JSON only; without this, Fastify's built-in text/plain parser turns a mislabelled
  // body into a confusing 400 instead of a 415.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`),
  );
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    opts.metrics.httpDuration
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
  });

  await app.register(cookie);
  // Security headers: the helmet middleware is built once here and run on every request (the
  // Fastify plugin rebuilt it from its options on each request).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Images come from Parley itself (attachments, avatars), never from another host.
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only behind https: on plain http (a LAN address) it would break every asset request.
        upgradeInsecureRequests: opts.isHttps ? [] : null,
      },
    },
    strictTransportSecurity: opts.isHttps,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      ...errorBody(
        'rate_limited',
        `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} seconds`,
      ),
    }),
  });
  return app;
}

export type App = Awaited<ReturnType<typeof createHttpServer>>;

declare module 'fastify' {
  interface FastifyInstance {
    parleyRoutes: { method: string; url: string }[];
  }
}

export type { FastifyInstance };
