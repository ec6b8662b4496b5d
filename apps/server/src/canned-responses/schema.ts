import { z } from 'zod';
// Relative, not `@parley/shared`: the server bundle leaves packages outside it, and this file is TypeScript.
import { CANNED_VARIABLE_LIST } from '../../../../packages/shared/src/canned-responses.ts';

export {
  type TCannedResponse,
  ZCannedResponse,
} from '../../../../packages/shared/src/api/canned-responses.ts';

const ZShortcut = z
  .string()
  .regex(/^[a-z0-9_-]{1,40}$/, 'Use 1 to 40 lower-case letters, digits, - or _')
  .meta({ example: 'refund-policy' });
const ZContent = z
  .string()
  .trim()
  .min(1, 'Write the response')
  .max(5000, 'Use at most 5000 characters')
  .meta({
    description: `The reply's text; may use the variables ${CANNED_VARIABLE_LIST}, filled in when an agent inserts it (any other {{name}} is refused)`,
  });

export const ZCannedResponseQuery = z.strictObject({
  /** Matches the shortcut or the content, ignoring case. */
  search: z.string().trim().max(200).optional(),
});

export const ZCreateCannedResponse = z.strictObject({ shortcut: ZShortcut, content: ZContent });
export type TCreateCannedResponse = z.infer<typeof ZCreateCannedResponse>;

export const ZUpdateCannedResponse = z.strictObject({
  shortcut: ZShortcut.optional(),
  content: ZContent.optional(),
});
export type TUpdateCannedResponse = z.infer<typeof ZUpdateCannedResponse>;
