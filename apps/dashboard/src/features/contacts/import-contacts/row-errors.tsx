import type { ImportRowError } from '../../../api/contacts';

/** Problems by line, as the server reports them (it lists at most 500). */
export function RowErrors({ errors, total }: { errors: ImportRowError[]; total: number }) {
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
