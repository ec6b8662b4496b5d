import { z } from 'zod';

export const ZLabel = z
  .object({
    id: z.string(),
    name: z.string(),
    /** `#rrggbb`, lower case. */
    color: z.string(),
    description: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Label' });
export type TLabel = z.infer<typeof ZLabel>;
