import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from 'react';

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
