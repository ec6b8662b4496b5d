import { CircleCheck, FileSpreadsheet, FileUp, RefreshCw, Upload } from 'lucide-react';
import { type DragEvent, type ReactNode, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import {
  IMPORT_FIELDS,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ImportResult,
  type ImportRowError,
  type UploadProgress,
  useImportContacts,
  usePreviewContactsImport,
} from '../../api/contacts';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Dialog } from '../../components/dialog';
import { Select } from '../../components/field';
import { Spinner } from '../../components/states';
import { formatAttribute } from './format';

const FIELD_LABEL: Record<ImportField, string> = {
  name: 'Name',
  email: 'Email',
  phone: 'Phone',
  externalId: 'External id',
  attribute: 'Custom attribute',
  ignore: 'Don’t import',
};

const ENCODING_LABEL: Record<ImportPreview['encoding'], string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Excel)',
};

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString()} ${count === 1 ? one : many}`;

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * "Import CSV" (admins): pick a file → preview with the column mapping (change what a column fills)
 * and every row's problem → "Import N contacts" with upload progress → what was created and updated.
 * Closing the dialog while importing lets the import finish; opening it again shows the result.
 */
export function ImportContactsButton() {
  const [isOpen, setIsOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const previewImport = usePreviewContactsImport();
  const runImport = useImportContacts();

  const reset = () => {
    abortRef.current?.abort();
    abortRef.current = null;
    setFile(null);
    setPreview(null);
    setMapping(null);
    setProgress(null);
    setResult(null);
    previewImport.reset();
    runImport.reset();
  };

  const close = () => {
    setIsOpen(false);
    // An import in flight keeps going (and is shown when the dialog opens again); the rest is dropped.
    if (!runImport.isPending) {
      reset();
    }
  };

  const check = (nextFile: File, nextMapping?: ImportMapping) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    previewImport.mutate(
      { file: nextFile, mapping: nextMapping, onProgress: setProgress, signal: controller.signal },
      {
        onSuccess: (data) => {
          setPreview(data);
          setMapping(Object.fromEntries(data.columns.map((column) => [column.header, column.field])));
        },
        onSettled: () => setProgress(null),
      },
    );
  };

  const choose = (nextFile: File) => {
    setFile(nextFile);
    setPreview(null);
    setMapping(null);
    runImport.reset();
    check(nextFile);
  };

  const remap = (header: string, field: ImportField) => {
    if (!file || !mapping) {
      return;
    }
    const next = { ...mapping, [header]: field };
    setMapping(next);
    check(file, next);
  };

  const startImport = () => {
    if (!file || !mapping) {
      return;
    }
    runImport.mutate(
      { file, mapping, onProgress: setProgress },
      { onSuccess: setResult, onSettled: () => setProgress(null) },
    );
  };

  const previewError = previewImport.isError && !isAbort(previewImport.error) ? previewImport.error : null;

  let content: ReactNode;
  if (result) {
    content = (
      <ImportDone
        result={result}
        onDone={close}
        onAnother={() => {
          reset();
        }}
      />
    );
  } else if (runImport.isPending) {
    content = <ProgressBar progress={progress} fileName={file?.name ?? 'the file'} action="Importing" />;
  } else if (file && preview && mapping) {
    content = (
      <PreviewStep
        fileName={file.name}
        preview={preview}
        mapping={mapping}
        isChecking={previewImport.isPending}
        checkError={previewError ? errorMessage(previewError) : null}
        importError={runImport.isError ? errorMessage(runImport.error) : null}
        onRemap={remap}
        onChooseAnother={reset}
        onImport={startImport}
      />
    );
  } else if (file && previewImport.isPending) {
    content = <ProgressBar progress={progress} fileName={file.name} action="Checking" />;
  } else {
    content = <ChooseFile error={previewError ? errorMessage(previewError) : null} onChoose={choose} />;
  }

  return (
    <>
      {/* Not disabled while importing: it reopens the dialog to follow the import. */}
      <Button icon={Upload} onClick={() => setIsOpen(true)}>
        {runImport.isPending ? 'Importing…' : 'Import CSV'}
      </Button>
      <Dialog
        isOpen={isOpen}
        onClose={close}
        size="lg"
        title={result ? 'Import finished' : 'Import contacts'}
        description={
          result || preview
            ? undefined
            : 'Upload a CSV file with a header row. Columns are matched to contact fields by their names; you can change the matching before anything is imported.'
        }
      >
        {content}
      </Dialog>
    </>
  );
}

function ChooseFile({ error, onChoose }: { error: string | null; onChoose: (file: File) => void }) {
  const [isDragging, setIsDragging] = useState(false);
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setIsDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) {
      onChoose(dropped);
    }
  };
  return (
    <div className="space-y-4">
      <label
        onDragOver={(event) => {
          event.preventDefault();
          setIsDragging(true);
        }}
        onDragLeave={() => setIsDragging(false)}
        onDrop={onDrop}
        className={`flex cursor-pointer flex-col items-center justify-center gap-2 rounded-card border-2 border-dashed px-6 py-8 text-center transition-colors focus-within:border-accent focus-within:ring-3 focus-within:ring-accent/25 ${
          isDragging ? 'border-accent bg-accent-soft' : 'border-line-strong hover:bg-surface-muted'
        }`}
      >
        <FileUp aria-hidden className="size-6 text-fg-subtle" />
        <span className="font-medium text-fg">Choose a CSV file</span>
        <span className="text-fg-muted text-xs">or drop it here</span>
        <input
          type="file"
          accept=".csv,text/csv"
          className="sr-only"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (chosen) {
              onChoose(chosen);
            }
          }}
        />
      </label>
      <ul className="list-disc space-y-1 pl-5 text-fg-muted text-xs">
        <li>
          Headers like name, email, phone and user id (or external id) are recognised; other columns become
          custom attributes.
        </li>
        <li>A row whose external id or email matches a contact updates it; other rows create contacts.</li>
        <li>Rows with a problem are skipped and listed, line by line, before you import.</li>
      </ul>
      {error ? <Alert title="This file can’t be imported">{error}</Alert> : null}
    </div>
  );
}

/** Upload progress (a share when the browser knows it), then a spinner while the server works. */
function ProgressBar({
  progress,
  fileName,
  action,
}: {
  progress: UploadProgress | null;
  fileName: string;
  action: 'Checking' | 'Importing';
}) {
  const fraction = progress?.phase === 'uploading' ? progress.fraction : null;
  const isProcessing = progress?.phase === 'processing';
  const percent = fraction === null ? null : Math.round(fraction * 100);
  const label = isProcessing
    ? `${action} ${fileName}…`
    : `Uploading ${fileName}${percent === null ? '…' : ` — ${percent}%`}`;
  return (
    <div className="space-y-2 py-4">
      <p className="flex items-center gap-2 text-fg">
        <Spinner />
        <span className="truncate">{label}</span>
      </p>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={isProcessing || percent === null ? undefined : percent}
        className="h-2 overflow-hidden rounded-full bg-surface-muted"
      >
        <div
          className={`h-full rounded-full bg-accent transition-[width] ${
            isProcessing || percent === null ? 'w-1/3 animate-pulse' : ''
          }`}
          style={isProcessing || percent === null ? undefined : { width: `${Math.max(2, percent)}%` }}
        />
      </div>
      {action === 'Importing' ? (
        <p className="text-fg-muted text-xs">You can close this dialog; the import carries on.</p>
      ) : null}
    </div>
  );
}

type PreviewProps = {
  fileName: string;
  preview: ImportPreview;
  mapping: ImportMapping;
  isChecking: boolean;
  checkError: string | null;
  importError: string | null;
  onRemap: (header: string, field: ImportField) => void;
  onChooseAnother: () => void;
  onImport: () => void;
};

function PreviewStep({
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

/** Problems by line, as the server reports them (it lists at most 500). */
function RowErrors({ errors, total }: { errors: ImportRowError[]; total: number }) {
  return (
    <>
      <ul className="max-h-48 divide-y divide-line overflow-y-auto rounded-control border border-line text-[0.8125rem]">
        {errors.map((error, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one line can have several problems
          <li key={`${error.line}:${index}`} className="flex gap-3 px-3 py-1.5">
            <span className="w-16 shrink-0 text-fg-subtle tabular-nums">Line {error.line}</span>
            <span className="min-w-0 break-words text-danger-text">{error.message}</span>
          </li>
        ))}
      </ul>
      {total > errors.length ? (
        <p className="text-fg-muted text-xs">
          The first {errors.length.toLocaleString()} problems are listed; fix them and check the file again to
          see the rest.
        </p>
      ) : null}
    </>
  );
}

function ImportDone({
  result,
  onDone,
  onAnother,
}: {
  result: ImportResult;
  onDone: () => void;
  onAnother: () => void;
}) {
  return (
    <div className="space-y-4">
      <div
        role="status"
        className="flex items-start gap-3 rounded-control bg-success-soft px-3 py-3 text-success-text"
      >
        <CircleCheck aria-hidden className="mt-0.5 size-5 shrink-0" />
        <dl className="grid flex-1 grid-cols-3 gap-4 text-center">
          {(
            [
              ['Created', result.created],
              ['Updated', result.updated],
              ['Skipped', result.skipped],
            ] as const
          ).map(([label, count]) => (
            <div key={label}>
              <dt className="text-xs opacity-90">{label}</dt>
              <dd className="font-semibold text-lg tabular-nums">{count.toLocaleString()}</dd>
            </div>
          ))}
        </dl>
      </div>
      {result.errors.length > 0 ? (
        <section aria-labelledby="import-skipped" className="space-y-2">
          <h3 id="import-skipped" className="font-semibold text-fg text-sm">
            Skipped rows
          </h3>
          <RowErrors errors={result.errors} total={result.skipped} />
        </section>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onAnother}>Import another file</Button>
        <Button variant="primary" onClick={onDone} autoFocus>
          Done
        </Button>
      </div>
    </div>
  );
}
