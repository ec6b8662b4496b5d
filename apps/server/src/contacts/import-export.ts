import { Readable } from 'node:stream';
import type {
  TContactsImportPreview,
  TContactsImportResult,
} from '../../../../packages/shared/src/api/contacts.ts';
import { type Ctx, inWorkspace } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { csvLines, parseContactsCsv, type TContactField, type TParsedImport } from './csv.ts';
import { canImportContacts } from './policy.ts';
import { mergeAttributes } from './service.ts';
import * as store from './store.ts';

function parseOrRefuse(bytes: Buffer, mapping?: Record<string, TContactField>): TParsedImport {
  try {
    return parseContactsCsv(bytes, mapping);
  } catch (err) {
    throw new AppError('unprocessable', (err as Error).message);
  }
}

/** What an import would do, before doing it: the column mapping, a sample and every row's problem. */
export function previewContactsImport(
  ctx: Ctx,
  bytes: Buffer,
  mapping?: Record<string, TContactField>,
): TContactsImportPreview {
  canImportContacts(ctx);
  const parsed = parseOrRefuse(bytes, mapping);
  return {
    encoding: parsed.encoding,
    columns: parsed.columns,
    totalRows: parsed.totalRows,
    validRows: parsed.rows.length,
    preview: parsed.rows.slice(0, 10),
    errors: parsed.errors.slice(0, 500),
  };
}

/**
 * Imports contacts in one transaction: a row whose external id or email matches a contact updates it
 * (attributes merge), others create contacts. Rows with problems are skipped and reported by line.
 */
export async function importContacts(
  ctx: Ctx,
  bytes: Buffer,
  mapping?: Record<string, TContactField>,
): Promise<TContactsImportResult> {
  canImportContacts(ctx);
  const parsed = parseOrRefuse(bytes, mapping);
  const result = await inWorkspace(ctx, async (tx) => {
    const existing = await store.findContactsByKeys(
      tx,
      ctx.workspaceId,
      parsed.rows.map((r) => r.email).filter((e): e is string => e !== null),
      parsed.rows.map((r) => r.externalId).filter((e): e is string => e !== null),
    );
    const byExternalId = new Map(existing.filter((c) => c.externalId).map((c) => [c.externalId!, c]));
    const byEmail = new Map(existing.filter((c) => c.email).map((c) => [c.email!, c]));
    const toCreate: Parameters<typeof store.insertContacts>[2] = [];
    let updated = 0;
    for (const row of parsed.rows) {
      const match =
        (row.externalId && byExternalId.get(row.externalId)) || (row.email && byEmail.get(row.email));
      if (match) {
        await store.updateContact(tx, ctx.workspaceId, match.id, {
          ...(row.name ? { name: row.name } : {}),
          ...(row.email ? { email: row.email } : {}),
          ...(row.phone ? { phone: row.phone } : {}),
          ...(row.externalId && !match.externalId ? { externalId: row.externalId } : {}),
          attributes: mergeAttributes(match.attributes, row.attributes),
        });
        updated += 1;
      } else {
        const created = {
          name: row.name,
          email: row.email,
          phone: row.phone,
          externalId: row.externalId,
          attributes: row.attributes,
        };
        toCreate.push(created);
        // A later row with the same key updates this one instead of creating a twin.
        const placeholder = { ...created, id: '', attributes: row.attributes } as unknown as store.TContact;
        if (row.externalId) {
          byExternalId.set(row.externalId, placeholder);
        }
        if (row.email) {
          byEmail.set(row.email, placeholder);
        }
      }
    }
    await store.insertContacts(tx, ctx.workspaceId, toCreate);
    return { created: toCreate.length, updated };
  });
  return { ...result, skipped: parsed.errors.length, errors: parsed.errors.slice(0, 500) };
}

const EXPORT_COLUMNS = [
  'id',
  'name',
  'email',
  'phone',
  'external_id',
  'country',
  'browser',
  'os',
  'first_seen_at',
  'last_seen_at',
];

/** All contacts as CSV, streamed page by page; attributes become `attr.<name>` columns. */
export async function exportContacts(ctx: Ctx): Promise<Readable> {
  canImportContacts(ctx);
  const scope = { platform: ctx.platform, workspaceId: ctx.workspaceId };
  const keys = await inWorkspace(scope, (tx) => store.attributeKeys(tx, scope.workspaceId));
  async function* lines() {
    yield csvLines([[...EXPORT_COLUMNS, ...keys.map((k) => `attr.${k}`)]]);
    let before: string | null = null;
    for (;;) {
      const page: store.TContact[] = await inWorkspace(scope, (tx) =>
        store.listContacts(tx, scope.workspaceId, { limit: 1000, before, search: null }),
      );
      if (page.length === 0) {
        return;
      }
      yield csvLines(
        page.map((c) => [
          c.id,
          c.name,
          c.email,
          c.phone,
          c.externalId,
          c.country,
          c.browser,
          c.os,
          c.firstSeenAt.toISOString(),
          c.lastSeenAt.toISOString(),
          ...keys.map((k) => c.attributes[k] ?? ''),
        ]),
      );
      before = page.at(-1)!.id;
    }
  }
  return Readable.from(lines());
}
