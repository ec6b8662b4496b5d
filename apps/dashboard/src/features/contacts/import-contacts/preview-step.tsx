import { FileSpreadsheet, RefreshCw, Upload } from 'lucide-react';
import { IMPORT_FIELDS, type ImportField } from '../../../api/contacts';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Select } from '../../../components/field';
import { Spinner } from '../../../components/states';
import { formatAttribute } from '../format';
import { RowErrors } from './row-errors';
import type { ImportStep } from './use-contacts-import';
import { ENCODING_LABEL, FIELD_LABEL, plural } from './words';

type PreviewProps = Omit<Extract<ImportStep, { name: 'preview' }>, 'name'> & {
  onRemap: (header: string, field: ImportField) => void;
  onChooseAnother: () => void;
  onImport: () => void;
};

/** The file as it will import: the column mapping (changeable), the first rows and the rows skipped. */
export function PreviewStep({
  fileName,
  preview,
  mapping,
  isChecking,
  checkError,
  importError,
  onRemap,
  onChooseAnother,
  onImport,
}: PreviewProps) {
  const skipped = preview.totalRows - preview.validRows;
  const canImport = preview.validRows > 0 && !isChecking && !checkError;
  return (
    <div className="space-y-5">
      <p className="flex items-start gap-2 text-fg-muted">
        <FileSpreadsheet aria-hidden className="mt-0.5 size-4 shrink-0 text-fg-subtle" />
        <span className="min-w-0">
          <span className="break-all font-medium text-fg">{fileName}</span>
          {' — '}
          {plural(preview.totalRows, 'row', 'rows')}: {preview.validRows.toLocaleString()} ready to import
          {skipped > 0 ? `, ${plural(skipped, 'row', 'rows')} with problems` : ''}. Read as{' '}
          {ENCODING_LABEL[preview.encoding]}.
        </span>
      </p>

      <section aria-labelledby="import-columns" aria-busy={isChecking || undefined} className="space-y-2">
        <div className="flex items-center gap-2">
          <h3 id="import-columns" className="font-semibold text-fg text-sm">
            Columns
          </h3>
          {isChecking ? (
            <span role="status" className="inline-flex items-center gap-1.5 text-fg-muted text-xs">
              <Spinner className="size-3.5" />
              Checking again…
            </span>
          ) : null}
        </div>
        <div className="max-h-56 overflow-y-auto rounded-control border border-line">
          <table className="w-full text-left text-sm">
            <thead className="sticky top-0 bg-surface-muted">
              <tr>
                <th scope="col" className="px-3 py-1.5 font-medium text-fg-subtle text-xs">
                  Column in the file
                </th>
                <th scope="col" className="w-48 px-3 py-1.5 font-medium text-fg-subtle text-xs">
                  Imports as
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {preview.columns.map((column, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: two columns may share a header; the position tells them apart
                <tr key={`${index}:${column.header}`}>
                  <td
                    className="max-w-0 truncate px-3 py-1.5 font-mono text-[0.8125rem]"
                    title={column.header}
                  >
                    {column.header || <span className="font-sans text-fg-subtle italic">(no header)</span>}
                  </td>
                  <td className="px-3 py-1">
                    <Select
                      isCompact
                      aria-label={`Import the column “${column.header}” as`}
                      value={mapping[column.header] ?? column.field}
                      disabled={isChecking}
                      onChange={(event) => onRemap(column.header, event.target.value as ImportField)}
                    >
                      {IMPORT_FIELDS.map((field) => (
                        <option key={field} value={field}>
                          {FIELD_LABEL[field]}
                        </option>
                      ))}
                    </Select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {checkError ? <Alert title="These columns can’t be imported">{checkError}</Alert> : null}
      </section>

      {preview.preview.length > 0 ? (
        <section aria-labelledby="import-sample" className="space-y-2">
          <h3 id="import-sample" className="font-semibold text-fg text-sm">
            First rows, as they will import
          </h3>
          <div className="overflow-x-auto rounded-control border border-line">
            <table className="w-full text-left text-[0.8125rem]">
              <thead className="bg-surface-muted">
                <tr>
                  {['Line', 'Name', 'Email', 'Phone', 'External id', 'Attributes'].map((heading) => (
                    <th
                      key={heading}
                      scope="col"
                      className="whitespace-nowrap px-3 py-1.5 font-medium text-fg-subtle text-xs"
                    >
                      {heading}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {preview.preview.map((row) => (
                  <tr key={row.line}>
                    <td className="px-3 py-1.5 text-fg-subtle tabular-nums">{row.line}</td>
                    <Cell value={row.name} />
                    <Cell value={row.email} />
                    <Cell value={row.phone} />
                    <Cell value={row.externalId} />
                    <Cell
                      value={
                        Object.entries(row.attributes)
                          .map(([key, value]) => `${key}: ${formatAttribute(value)}`)
                          .join(', ') || null
                      }
                    />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {preview.errors.length > 0 ? (
        <section aria-labelledby="import-problems" className="space-y-2">
          <h3 id="import-problems" className="font-semibold text-fg text-sm">
            {plural(skipped, 'row', 'rows')} will be skipped
          </h3>
          <RowErrors errors={preview.errors} total={skipped} />
        </section>
      ) : null}

      {importError ? <Alert title="The import didn’t run">{importError}</Alert> : null}

      <div className="flex flex-col-reverse gap-2 border-line border-t pt-4 sm:flex-row sm:justify-between">
        <Button icon={RefreshCw} onClick={onChooseAnother}>
          Choose another file
        </Button>
        <Button variant="primary" icon={Upload} onClick={onImport} disabled={!canImport}>
          {`Import ${plural(preview.validRows, 'contact', 'contacts')}`}
        </Button>
      </div>
    </div>
  );
}

function Cell({ value }: { value: string | null }) {
  return (
    <td className="max-w-48 truncate px-3 py-1.5" title={value ?? undefined}>
      {value ?? <span className="text-fg-subtle">—</span>}
    </td>
  );
}
