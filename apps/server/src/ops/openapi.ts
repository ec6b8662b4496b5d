import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { App } from '../platform/http.ts';

/** The OpenAPI 3.1 document is generated from the same zod schemas that validate requests. */
export async function registerOpenApi(app: App) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley API',
        version: '1.0.0',
        description:
          'REST API of Parley. Authenticate with `Authorization: Bearer plt_…` (an API token) or the dashboard session cookie plus `x-csrf-token` on writes. Errors share one shape: `{"error":{"code","message","details"}}`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'parley_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    // Keep the global policy (no inline scripts, no framing); swagger-ui only needs inline styles,
    // because its bundle renders a <style> element.
    transformStaticCSP: (header) =>
      header.replace(/(^|;)\s*style-src ([^;]*)/, "$1style-src $2 'unsafe-inline'"),
    transformSpecification: (spec) => spec,
  });
}
