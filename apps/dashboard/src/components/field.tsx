import { ChevronDown, CircleAlert } from 'lucide-react';
import { type ComponentProps, type ReactNode, type SelectHTMLAttributes, useId } from 'react';
import type { Role } from '../api/types';
import { ROLE_LABEL } from './badge';

export const controlClass =
  'w-full rounded-control border border-line-strong bg-surface px-3 text-sm text-fg shadow-card transition-[border-color,box-shadow] ' +
  'placeholder:text-fg-subtle focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25 ' +
  'aria-invalid:border-danger aria-invalid:focus:ring-danger/20 disabled:cursor-not-allowed disabled:opacity-60';

type FieldFrameProps = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  labelAside?: ReactNode;
  children: ReactNode;
};

function FieldFrame({ id, label, error, hint, labelAside, children }: FieldFrameProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="font-medium text-[0.8125rem] text-fg">
          {label}
        </label>
        {labelAside}
      </div>
      {children}
      {error ? (
        <p id={`${id}-error`} className="flex items-start gap-1 text-danger-text text-xs">
          <CircleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-fg-subtle text-xs">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error: string | undefined, hint: ReactNode): string | undefined {
  if (error) {
    return `${id}-error`;
  }
  return hint ? `${id}-hint` : undefined;
}

type TextFieldProps = Omit<ComponentProps<'input'>, 'id'> & {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  labelAside?: ReactNode;
};

export function TextField({ label, error, hint, labelAside, className = '', ...input }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} labelAside={labelAside}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={`${controlClass} h-9 ${className}`}
        {...input}
      />
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
};

export function SelectField({ label, error, hint, className = '', children, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <Select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={className}
        {...select}
      >
        {children}
      </Select>
    </FieldFrame>
  );
}

type RoleFieldProps<R extends Role> = {
  name: string;
  /** The roles offered, in this order. */
  roles: readonly R[];
  value: R;
  onChange: (role: R) => void;
  error?: string | undefined;
};

/** The role a form grants (an invitation, an API token). */
export function RoleField<R extends Role>({ name, roles, value, onChange, error }: RoleFieldProps<R>) {
  return (
    <SelectField
      label="Role"
      name={name}
      value={value}
      onChange={(event) => onChange(event.target.value as R)}
      error={error}
    >
      {roles.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABEL[role]}
        </option>
      ))}
    </SelectField>
  );
}

/** A native select styled like the text inputs (keeps the platform's keyboard and a11y behaviour). */
type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { isCompact?: boolean };

export function Select({ className = '', isCompact = false, children, ...select }: SelectProps) {
  const height = isCompact ? 'h-8 text-[0.8125rem]' : 'h-9';
  return (
    <div className={`relative ${className}`}>
      <select className={`${controlClass} ${height} cursor-pointer appearance-none pr-8`} {...select}>
        {children}
      </select>
      <ChevronDown
        aria-hidden
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-fg-subtle"
      />
    </div>
  );
}

type TextAreaFieldProps = Omit<ComponentProps<'textarea'>, 'id'> & {
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
};

export function TextAreaField({
  label,
  error,
  hint,
  className = '',
  rows = 3,
  ...textarea
}: TextAreaFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={`${controlClass} resize-y py-2 ${className}`}
        {...textarea}
      />
    </FieldFrame>
  );
}

type CheckboxFieldProps = Omit<ComponentProps<'input'>, 'id' | 'type'> & {
  label: string;
  hint?: ReactNode;
};

/** A checkbox with its label beside it and an optional explanation below. */
export function CheckboxField({ label, hint, className = '', ...input }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className={`flex items-start gap-2.5 ${className}`}>
      <input
        id={id}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        className="mt-0.5 size-4 shrink-0 cursor-pointer accent-accent disabled:cursor-not-allowed"
        {...input}
      />
      <div className="min-w-0">
        <label htmlFor={id} className="cursor-pointer font-medium text-[0.8125rem] text-fg">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-fg-subtle text-xs">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
