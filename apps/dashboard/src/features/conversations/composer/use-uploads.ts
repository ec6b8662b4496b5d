import { useRef, useState } from 'react';
import { errorMessage, isApiError } from '../../../api/api-error';
import { useUploadAttachment } from '../../../api/conversations';
import type { Attachment } from '../../../api/types';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 10;

export type Upload =
  | { key: string; name: string; state: 'uploading' }
  | { key: string; name: string; state: 'done'; attachment: Attachment }
  | { key: string; name: string; state: 'failed'; error: string };

function uploadError(file: File, error: unknown): string {
  if (isApiError(error) && error.status === 413) {
    return `“${file.name}” is too large: files can be at most 10 MB.`;
  }
  if (isApiError(error) && error.status === 415) {
    return `“${file.name}” can’t be attached. ${error.message}`;
  }
  return `“${file.name}” couldn’t be uploaded. ${errorMessage(error)}`;
}

/**
 * The files attached to the message being written: each uploads as soon as it is added (at most 10,
 * 10 MB each); a failed one stays listed with its reason until it is dismissed.
 */
export function useUploads(draftAttachments: Attachment[]) {
  const [uploads, setUploads] = useState<Upload[]>(() =>
    draftAttachments.map((attachment, index) => ({
      key: `draft-${index}`,
      name: attachment.filename,
      state: 'done' as const,
      attachment,
    })),
  );
  const upload = useUploadAttachment();
  const nextKey = useRef(0);

  const settle = (key: string, next: Upload) =>
    setUploads((current) => current.map((item) => (item.key === key ? next : item)));

  const add = (files: FileList | File[] | null) => {
    const chosen = [...(files ?? [])].slice(0, Math.max(0, MAX_FILES - uploads.length));
    for (const file of chosen) {
      const key = `upload-${nextKey.current++}`;
      if (file.size > MAX_FILE_BYTES) {
        setUploads((current) => [
          ...current,
          {
            key,
            name: file.name,
            state: 'failed',
            error: `“${file.name}” is too large: files can be at most 10 MB.`,
          },
        ]);
        continue;
      }
      setUploads((current) => [...current, { key, name: file.name, state: 'uploading' }]);
      upload.mutateAsync(file).then(
        (attachment) => settle(key, { key, name: file.name, state: 'done', attachment }),
        (error: unknown) =>
          settle(key, { key, name: file.name, state: 'failed', error: uploadError(file, error) }),
      );
    }
  };

  return {
    uploads,
    attachments: uploads.flatMap((item) => (item.state === 'done' ? [item.attachment] : [])),
    failures: uploads.flatMap((item) => (item.state === 'failed' ? [item] : [])),
    isUploading: uploads.some((item) => item.state === 'uploading'),
    isFull: uploads.length >= MAX_FILES,
    add,
    remove: (key: string) => setUploads((current) => current.filter((item) => item.key !== key)),
    clear: () => setUploads([]),
  };
}
