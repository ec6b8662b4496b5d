import { Paperclip, X } from 'lucide-react';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { Spinner } from '../../../components/states';
import { formatBytes } from '../format';
import type { Upload } from './use-uploads';

/** The files attached to the message, uploading or ready, each with a button that removes it. */
export function AttachmentChips({
  uploads,
  onRemove,
}: {
  uploads: Upload[];
  onRemove: (key: string) => void;
}) {
  if (!uploads.some((item) => item.state !== 'failed')) {
    return null;
  }
  return (
    <ul aria-label="Attachments" className="flex flex-wrap gap-1.5 px-3 pb-1">
      {uploads.map((item) =>
        item.state === 'failed' ? null : (
          <li
            key={item.key}
            className="inline-flex max-w-56 items-center gap-1.5 rounded-control border border-line bg-surface-muted py-0.5 pr-0.5 pl-2 text-xs"
          >
            {item.state === 'uploading' ? (
              <Spinner className="size-3.5" />
            ) : (
              <Paperclip aria-hidden className="size-3.5 text-fg-subtle" />
            )}
            <span className="min-w-0 truncate">{item.name}</span>
            {item.state === 'done' ? (
              <span className="shrink-0 text-fg-subtle">{formatBytes(item.attachment.size)}</span>
            ) : (
              <span className="sr-only">uploading</span>
            )}
            <button
              type="button"
              onClick={() => onRemove(item.key)}
              aria-label={`Remove ${item.name}`}
              className="rounded p-0.5 text-fg-subtle hover:bg-surface-hover hover:text-fg"
            >
              <X aria-hidden className="size-3.5" />
            </button>
          </li>
        ),
      )}
    </ul>
  );
}

type Failure = Extract<Upload, { state: 'failed' }>;

/** Files that could not be attached, each with its reason, until dismissed. */
export function UploadFailures({
  failures,
  onDismiss,
}: {
  failures: Failure[];
  onDismiss: (key: string) => void;
}) {
  if (failures.length === 0) {
    return null;
  }
  return (
    <div className="mt-2 space-y-1.5">
      {failures.map((item) => (
        <div key={item.key} className="flex items-start gap-2">
          <Alert className="flex-1 py-1.5">{item.error}</Alert>
          <Button
            variant="ghost"
            size="sm"
            aria-label={`Dismiss error about ${item.name}`}
            onClick={() => onDismiss(item.key)}
          >
            <X aria-hidden className="size-3.5" />
          </Button>
        </div>
      ))}
    </div>
  );
}
