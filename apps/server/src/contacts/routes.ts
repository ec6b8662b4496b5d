// Contacts: the people behind conversations, with what the widget learned about them (browser,
// country, current page, visits) and custom attributes the team or the business's code sets.
import { z } from 'zod';
import { readUpload } from '../files/upload.ts';
import { AppError } from '../platform/errors.ts';
import type { App } from '../platform/http.ts';
import { errorResponses, page } from '../platform/schema.ts';
import type { TContactField } from './csv.ts';
import { exportContacts, importContacts, previewContactsImport } from './import-export.ts';
import { mergeContacts } from './merge.ts';
import { addContactNote, deleteContactNote, listContactNotes } from './notes.ts';
import {
  ZContact,
  ZContactDetails,
  ZContactField,
  ZContactNote,
  ZContactNotes,
  ZContactsImportPreview,
  ZContactsImportResult,
} from './schema.ts';
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
          identified: z.enum(['true', 'false']).optional(),
          country: z
            .string()
            .regex(/^[A-Z]{2}$/, 'Use a two-letter country code')
            .optional(),
          limit: z.coerce.number().int().min(1).max(100).default(50),
          cursor: z.string().max(100).optional(),
        }),
        response: { 200: page(ZContact), ...errorResponses },
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
        response: { 200: ZContactDetails, ...errorResponses },
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
        response: { 200: ZContact, ...errorResponses },
      },
    },
    async (request) => service.updateContact(request.ctx, request.params.id, request.body),
  );

  app.get(
    '/api/v1/contacts/:id/notes',
    {
      schema: {
        tags,
        summary: "The team's notes about a contact",
        params: ZId,
        response: { 200: ZContactNotes, ...errorResponses },
      },
    },
    async (request) => listContactNotes(request.ctx, request.params.id),
  );

  app.post(
    '/api/v1/contacts/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note about a contact',
        params: ZId,
        body: z.strictObject({ text: z.string().min(1).max(5000) }),
        response: { 201: ZContactNote, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addContactNote(request.ctx, request.params.id, request.body.text)),
  );

  app.delete(
    '/api/v1/contacts/:id/notes/:noteId',
    {
      schema: {
        tags,
        summary: 'Delete a note about a contact',
        params: z.strictObject({ id: z.string().min(1).max(100), noteId: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteContactNote(request.ctx, request.params.id, request.params.noteId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/contacts/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate contact into this one (the duplicate is deleted)',
        params: ZId,
        body: z.strictObject({ duplicateId: z.string().min(1).max(100) }),
        response: { 200: ZContact, ...errorResponses },
      },
    },
    async (request) => mergeContacts(request.ctx, request.params.id, request.body.duplicateId),
  );

  const ZMapping = z.strictObject({
    mapping: z
      .string()
      .max(10_000)
      .optional()
      .describe('JSON object: CSV header → name | email | phone | externalId | attribute | ignore'),
  });
  const mappingOf = (raw: string | undefined): Record<string, TContactField> | undefined => {
    if (!raw) {
      return undefined;
    }
    const parsed = ZFieldMapping.safeParse(safeJson(raw));
    if (!parsed.success) {
      throw new AppError('validation_failed', 'mapping must be a JSON object of header → field');
    }
    return parsed.data;
  };

  app.post(
    '/api/v1/contacts/import/preview',
    {
      schema: {
        tags,
        summary: 'Check a contacts CSV before importing: column mapping, sample and per-row problems',
        consumes: ['multipart/form-data'],
        querystring: ZMapping,
        response: { 200: ZContactsImportPreview, ...errorResponses },
      },
    },
    async (request) => {
      const file = await readUpload(request);
      return previewContactsImport(request.ctx, file.bytes, mappingOf(request.query.mapping));
    },
  );

  app.post(
    '/api/v1/contacts/import',
    {
      schema: {
        tags,
        summary:
          'Import contacts from CSV (matching external id or email updates; problems reported by line)',
        consumes: ['multipart/form-data'],
        querystring: ZMapping,
        response: { 200: ZContactsImportResult, ...errorResponses },
      },
    },
    async (request) => {
      const file = await readUpload(request);
      return importContacts(request.ctx, file.bytes, mappingOf(request.query.mapping));
    },
  );

  app.get(
    '/api/v1/contacts/export.csv',
    { schema: { tags, summary: 'All contacts as CSV (cells that start a formula are neutralised)' } },
    async (request, reply) => {
      const stream = await exportContacts(request.ctx);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="contacts.csv"')
        .send(stream);
    },
  );
}

const ZFieldMapping = z.record(z.string().max(200), ZContactField);

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}
