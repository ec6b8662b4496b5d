// Contacts: the people behind conversations, with what the widget learned about them (browser,
// country, current page, visits) and custom attributes the team or the business's code sets.
import { z } from 'zod';
import type { App } from '../platform/http.ts';
import { errorResponses } from '../platform/schema.ts';
import { mergeContacts } from './merge.ts';
import * as service from './service.ts';

const tags = ['Contacts'];
const ZId = z.strictObject({ id: z.string().min(1).max(100) });
const ZAttributeValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export async function contactsRoutes(app: App) {
  app.get(
    '/api/v1/contacts',
    {
      schema: {
        tags,
        summary: 'Contacts, newest first, with optional search by name, email or phone',
        querystring: z.strictObject({
          search: z.string().trim().min(1).max(200).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
          cursor: z.string().max(100).optional(),
        }),
        response: {
          200: z.object({ items: z.array(z.any()), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.listContacts(request.ctx, request.query),
  );

  app.get(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'One contact with recent page views',
        params: ZId,
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request) => service.getContact(request.ctx, request.params.id),
  );

  app.patch(
    '/api/v1/contacts/:id',
    {
      schema: {
        tags,
        summary: 'Edit a contact; an attribute set to null is removed',
        params: ZId,
        body: z.strictObject({
          name: z.string().trim().max(200).nullable().optional(),
          email: z.email().max(320).nullable().optional(),
          phone: z.string().trim().max(50).nullable().optional(),
          attributes: z.record(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), ZAttributeValue).optional(),
        }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request) => service.updateContact(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/api/v1/contacts/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate contact into this one (the duplicate is deleted)',
        params: ZId,
        body: z.strictObject({ duplicateId: z.string().min(1).max(100) }),
        response: { 200: z.any(), ...errorResponses },
      },
    },
    async (request) => mergeContacts(request.ctx, request.params.id, request.body.duplicateId),
  );
}
