import { z } from 'zod';

export const ZAttachment = z
  .object({
    id: z.string(),
    filename: z.string(),
    contentType: z.string(),
    size: z.number(),
    isImage: z.boolean(),
    /** A signed link, valid for an hour. */
    url: z.string(),
  })
  .meta({ id: 'Attachment' });
export type TAttachment = z.infer<typeof ZAttachment>;
