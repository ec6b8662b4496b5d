import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type {
  TContactField,
  TContactsImportPreview,
  TImportRow,
  TImportRowError,
} from '../../../../packages/shared/src/api/contacts.ts';

export type { TContactField };

export const MAX_IMPORT_ROWS = 50_000;

/** Text from an uploaded file: UTF-8 (with or without BOM), else Windows-1252, the usual spreadsheet export. */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

const HEADER_GUESSES: [RegExp, TContactField][] = [
  [/^(full[ _-]?)?name$|^contact$|^customer$/i, 'name'],
  [/^e-?mail( address)?$/i, 'email'],
  [/^(phone|mobile|tel|telephone)( number)?$/i, 'phone'],
  [/^(external[ _-]?id|user[ _-]?id|customer[ _-]?id)$/i, 'externalId'],
];

export function guessField(header: string): TContactField {
  const h = header.trim();
  for (const [pattern, field] of HEADER_GUESSES) {
    if (pattern.test(h)) {
      return field;
    }
  }
  return h ? 'attribute' : 'ignore';
}

const ZEmail = z.email();

/** An attribute key from a header: letters, digits, _ . - only. */
export function attributeKey(header: string) {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 64);
}

export type TParsedImport = Pick<TContactsImportPreview, 'encoding' | 'columns' | 'totalRows'> & {
  rows: TImportRow[];
  errors: TImportRowError[];
};

/**
 * Parses a contacts CSV into rows ready to import, with a per-row list of problems. Rows with a
 * problem are reported and skipped; the others import.
 */
export function parseContactsCsv(bytes: Buffer, mapping?: Record<string, TContactField>): TParsedImport {
  const { text, encoding } = decodeCsv(bytes);
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    throw new Error(`The file is not a readable CSV: ${(err as Error).message}`);
  }
  // Rows of nothing but separators (",,") are blank lines to a person.
  const [header, ...body] = records.filter((r) => r.some((cell) => cell !== ''));
  if (!header || header.length === 0) {
    throw new Error('The file is empty');
  }
  if (body.length > MAX_IMPORT_ROWS) {
    throw new Error(`Import at most ${MAX_IMPORT_ROWS} rows at a time`);
  }
  const columns = header.map((h) => ({ header: h, field: mapping?.[h] ?? guessField(h) }));
  if (
    !columns.some(
      (c) => c.field === 'name' || c.field === 'email' || c.field === 'phone' || c.field === 'externalId',
    )
  ) {
    throw new Error('The file needs a column for name, email, phone or external id');
  }
  const rows: TImportRow[] = [];
  const errors: { line: number; message: string }[] = [];
  body.forEach((record, index) => {
    const line = index + 2;
    const row: TImportRow = { line, name: null, email: null, phone: null, externalId: null, attributes: {} };
    if (record.length > columns.length) {
      errors.push({
        line,
        message: `has ${record.length} values but the header has ${columns.length} columns`,
      });
      return;
    }
    columns.forEach((column, i) => {
      const value = record[i]?.trim() ?? '';
      if (!value) {
        return;
      }
      switch (column.field) {
        case 'name':
        case 'phone':
        case 'externalId':
          row[column.field] = value.slice(0, 200);
          break;
        case 'email':
          row.email = value.toLowerCase();
          break;
        case 'attribute': {
          const key = attributeKey(column.header);
          if (key) {
            row.attributes[key] = value.slice(0, 1000);
          }
          break;
        }
        case 'ignore':
          break;
      }
    });
    if (row.email && !ZEmail.safeParse(row.email).success) {
      errors.push({ line, message: `"${row.email}" is not a valid email address` });
      return;
    }
    if (!row.name && !row.email && !row.phone && !row.externalId) {
      errors.push({ line, message: 'has no name, email, phone or external id' });
      return;
    }
    rows.push(row);
  });
  return { encoding, columns, rows, errors, totalRows: body.length };
}

/**
 * A cell a spreadsheet will not run: values starting with = + - @ or a tab/return are prefixed with
 * an apostrophe (OWASP's advice against CSV formula injection).
 */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  const text = typeof value === 'string' ? value : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvLines(rows: unknown[][]): string {
  return stringify(rows.map((r) => r.map(safeCell)));
}
