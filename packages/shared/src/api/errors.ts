import { z } from 'zod';

/** Every refusal: a machine-readable code, a sentence for people and, for bad input, the fields. */
export const ZError = z
  .object({
    error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
  })
  .meta({ id: 'Error' });
export type TError = z.infer<typeof ZError>;
