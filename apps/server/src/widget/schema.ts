import { z } from 'zod';

export { ZAttachment } from '../../../../packages/shared/src/api/attachments.ts';
export { ZVisitorContact } from '../../../../packages/shared/src/api/contacts.ts';
export { ZVisitorMessage as ZVisitorMessageView } from '../../../../packages/shared/src/api/messages.ts';
export {
  ZBootResponse,
  ZIdentifyResponse,
  ZStartedConversation,
  ZVisitorConversationPage,
  ZVisitorMessagesPage,
} from '../../../../packages/shared/src/api/widget.ts';

const ZUrl = z.string().trim().min(1).max(2000);
const ZAttributeValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const ZPage = z.strictObject({
  url: ZUrl,
  title: z.string().max(500).optional(),
  referrer: z.string().max(2000).optional(),
});

export const ZBoot = z.strictObject({
  widgetKey: z.string().min(4).max(100),
  visitorToken: z.string().max(200).nullable().optional(),
  page: ZPage,
  timeZone: z.string().max(100).optional(),
  language: z.string().max(35).optional(),
});

export const ZIdentify = z.strictObject({
  userId: z.string().trim().min(1).max(200),
  email: z.email().max(320).optional(),
  name: z.string().trim().max(200).optional(),
  phone: z.string().trim().max(50).optional(),
  attributes: z
    .record(
      z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'Attribute names use letters, digits, _ . -'),
      ZAttributeValue,
    )
    .refine((a) => Object.keys(a).length <= 100, 'At most 100 attributes')
    .optional(),
  userHash: z.string().max(200).optional(),
});

const ZAttachmentIds = z.array(z.string().max(100)).max(10).optional();

export const ZStartConversation = z.strictObject({
  text: z.string().max(20_000).default(''),
  attachmentIds: ZAttachmentIds,
  preChat: z
    .strictObject({
      name: z.string().trim().max(200).optional(),
      email: z.email().max(320).optional(),
      consent: z.boolean().optional(),
    })
    .optional(),
});

export const ZVisitorMessage = z.strictObject({
  text: z.string().max(20_000).optional(),
  attachmentIds: ZAttachmentIds,
});

export const ZContactPatch = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  email: z.email({ message: 'Enter a valid email address' }).max(320).optional(),
});

export const ZMessagesQuery = z.strictObject({
  before: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const ZVisitorConversationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});

export const ZConversationParam = z.strictObject({ id: z.string().min(1).max(100) });
