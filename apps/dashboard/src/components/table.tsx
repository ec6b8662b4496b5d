import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';
import { errorMessage } from '../api/api-error';
import { useDateFormat } from '../lib/date-format';
import { Alert } from './alert';
import { Button } from './button';
import { LoadingState, QueryStates } from './states';

export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="w-full border-collapse text-left text-sm">
        {children}
      </table>
    </div>
  );
}

export function Th({ className = '', children, ...rest }: ThHTMLAttributes<HTMLTableCellElement>) {
  return (
    <th
      scope="col"
      className={`whitespace-nowrap border-line border-b bg-surface-muted/60 px-3.5 py-2 font-medium text-fg-subtle text-xs first:pl-5 last:pr-5 ${className}`}
      {...rest}
    >
      {children}
    </th>
  );
}

export function Td({ className = '', children, ...rest }: TdHTMLAttributes<HTMLTableCellElement>) {
  return (
    <td
      className={`border-line border-b px-3.5 py-2.5 align-middle group-last:border-b-0 first:pl-5 last:pr-5 ${className}`}
      {...rest}
    >
      {children}
    </td>
  );
}

type DataTableProps<T> = {
  query: UseInfiniteQueryResult<T[]>;
  /** The table's accessible name. */
  label: string;
  loadingLabel: string;
  empty: ReactNode;
  /** The header cells; the table adds a last, unlabelled one over each row's actions. */
  columns: ReactNode;
  /** The button that reads the next page, e.g. "Show more tokens". */
  moreLabel: string;
  children: (item: T) => ReactNode;
};

/** A paged list of a settings page as a table: loading, error and empty states, rows, and "show more". */
export function DataTable<T>({
  query,
  label,
  loadingLabel,
  empty,
  columns,
  moreLabel,
  children,
}: DataTableProps<T>) {
  return (
    <QueryStates query={query} loading={<LoadingState label={loadingLabel} />} empty={empty}>
      {(items) => (
        <>
          <Table label={label}>
            <thead>
              <tr>
                {columns}
                <Th className="w-px">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>{items.map(children)}</tbody>
          </Table>
          {query.hasNextPage ? (
            <div className="border-line border-t px-5 py-3">
              <Button
                size="sm"
                onClick={() => void query.fetchNextPage()}
                isPending={query.isFetchingNextPage}
              >
                {moreLabel}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </QueryStates>
  );
}

/** A date cell: the day, with the full date and time on hover. */
export function DateTd({ value, fallback }: { value: string | null; fallback?: string }) {
  const formatDate = useDateFormat('date');
  const formatDateTime = useDateFormat();
  return (
    <Td className="whitespace-nowrap text-fg-muted">
      {value ? (
        <time dateTime={value} title={formatDateTime(value)}>
          {formatDate(value)}
        </time>
      ) : (
        fallback
      )}
    </Td>
  );
}

/** Why an action on the row above failed, across the whole table. */
export function RowError({ colSpan, error }: { colSpan: number; error: unknown }) {
  return (
    <tr>
      <td colSpan={colSpan} className="border-line border-b px-5 pb-3">
        <Alert>{errorMessage(error)}</Alert>
      </td>
    </tr>
  );
}
