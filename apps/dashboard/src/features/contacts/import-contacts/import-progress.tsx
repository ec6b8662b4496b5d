import type { UploadProgress } from '../../../api/contacts';
import { Spinner } from '../../../components/states';

/** Upload progress (a share when the browser knows it), then a spinner while the server works. */
export function ImportProgress({
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
