import { z } from 'zod';

export { type TLabel, ZLabel } from '../../../../packages/shared/src/api/labels.ts';

const ZLabelName = z.string().trim().min(1, 'Enter a name').max(50, 'Use at most 50 characters');
const ZColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #4f46e5')
  .transform((c) => c.toLowerCase());
const ZDescription = z.string().trim().max(500, 'Use at most 500 characters').nullable();

export const ZCreateLabel = z.strictObject({
  name: ZLabelName,
  color: ZColor,
  description: ZDescription.optional(),
});
export type TCreateLabel = z.infer<typeof ZCreateLabel>;

export const ZUpdateLabel = z.strictObject({
  name: ZLabelName.optional(),
  color: ZColor.optional(),
  /** `null` clears the description. */
  description: ZDescription.optional(),
});
export type TUpdateLabel = z.infer<typeof ZUpdateLabel>;
