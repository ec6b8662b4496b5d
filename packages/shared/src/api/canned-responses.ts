import { z } from 'zod';

export const ZCannedResponse = z
  .object({
    id: z.string(),
    shortcut: z.string(),
    content: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CannedResponse' });
export type TCannedResponse = z.infer<typeof ZCannedResponse>;
