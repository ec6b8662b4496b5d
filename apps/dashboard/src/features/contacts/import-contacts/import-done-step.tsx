import { CircleCheck } from 'lucide-react';
import type { ImportResult } from '../../../api/contacts';
import { Button } from '../../../components/button';
import { RowErrors } from './row-errors';

/** The last step: how many contacts were created, updated and skipped, and why rows were skipped. */
export function ImportDone({
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
              <dt className="text-xs">{label}</dt>
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
