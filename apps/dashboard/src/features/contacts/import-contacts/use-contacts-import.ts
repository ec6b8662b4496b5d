import { useRef, useState } from 'react';
import { errorMessage } from '../../../api/api-error';
import {
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ImportResult,
  type UploadProgress,
  useImportContacts,
  usePreviewContactsImport,
} from '../../../api/contacts';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Where the import is, and what that step shows. */
export type ImportStep =
  | { name: 'choose'; error: string | null }
  | { name: 'checking'; fileName: string; progress: UploadProgress | null }
  | {
      name: 'preview';
      fileName: string;
      preview: ImportPreview;
      mapping: ImportMapping;
      isChecking: boolean;
      checkError: string | null;
      importError: string | null;
    }
  | { name: 'importing'; fileName: string; progress: UploadProgress | null }
  | { name: 'done'; result: ImportResult };

/**
 * The import wizard's state: a file checked by the server (again after each change of the column
 * mapping, the previous check cancelled), then imported with its progress, then its result.
 */
export function useContactsImport() {
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

  const start = () => {
    if (!file || !mapping) {
      return;
    }
    runImport.mutate(
      { file, mapping, onProgress: setProgress },
      { onSuccess: setResult, onSettled: () => setProgress(null) },
    );
  };

  const previewError =
    previewImport.isError && !isAbort(previewImport.error) ? errorMessage(previewImport.error) : null;

  let step: ImportStep;
  if (result) {
    step = { name: 'done', result };
  } else if (runImport.isPending) {
    step = { name: 'importing', fileName: file?.name ?? 'the file', progress };
  } else if (file && preview && mapping) {
    step = {
      name: 'preview',
      fileName: file.name,
      preview,
      mapping,
      isChecking: previewImport.isPending,
      checkError: previewError,
      importError: runImport.isError ? errorMessage(runImport.error) : null,
    };
  } else if (file && previewImport.isPending) {
    step = { name: 'checking', fileName: file.name, progress };
  } else {
    step = { name: 'choose', error: previewError };
  }

  return { step, isImporting: runImport.isPending, choose, remap, start, reset };
}
