import { FileUp } from 'lucide-react';
import { type DragEvent, useState } from 'react';
import { Alert } from '../../../components/alert';

/** The first step: a CSV file picked or dropped, with what the import recognises. */
export function ChooseFile({ error, onChoose }: { error: string | null; onChoose: (file: File) => void }) {
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
