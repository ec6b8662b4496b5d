import type { Readable } from 'node:stream';
import { z } from 'zod';
import { ZError } from '../../../../packages/shared/src/api/errors.ts';

export { ZRole } from '../../../../packages/shared/src/api/members.ts';
export { page } from '../../../../packages/shared/src/api/pages.ts';
export { ZError };

/** Shapes shared by every feature's schema. */
export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address' }))
  .meta({ example: 'ada@example.com' });
export const ZPassword = z
  .string()
  .min(8, 'Use at least 8 characters')
  .max(256, 'Use at most 256 characters');
export const ZName = z.string().trim().min(1, 'Enter a name').max(120);
export const ZToken = z.string().min(20).max(200);
/** The `:id` of a route's path. */
export const ZIdParam = z.strictObject({ id: z.string().min(1).max(100) });
export const ZId = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{10,40}$`), `Not a valid ${prefix} id`);

export const ZPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

export const ZTimestamp = z
  .date()
  .transform((d) => d.toISOString())
  .or(z.string());

// Sent as a stream or a buffer, which Fastify never serialises: the schema only describes the bytes
// in the OpenAPI document.
const ZFileBytes = z.string().meta({ format: 'binary' }) as unknown as z.ZodType<Readable | Buffer>;

/** A file's bytes under the content type the route sets (an image, a PDF…), not JSON. */
export function fileResponse(description: string) {
  return { description, content: { '*/*': { schema: ZFileBytes } } };
}

/** Standard error responses for the OpenAPI document. */
export const errorResponses = {
  400: ZError,
  401: ZError,
  403: ZError,
  404: ZError,
  409: ZError,
  422: ZError,
  429: ZError,
};
