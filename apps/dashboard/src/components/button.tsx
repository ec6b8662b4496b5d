import type { LucideIcon } from 'lucide-react';
import { LoaderCircle } from 'lucide-react';
import type { ButtonHTMLAttributes } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'danger-subtle';
export type ButtonSize = 'sm' | 'md' | 'lg';

const VARIANTS: Record<ButtonVariant, string> = {
  primary: 'bg-accent text-accent-fg shadow-card hover:bg-accent-hover',
  secondary: 'border border-line-strong bg-surface text-fg shadow-card hover:bg-surface-hover',
  ghost: 'text-fg-muted hover:bg-surface-hover hover:text-fg',
  danger: 'bg-danger text-white shadow-card hover:bg-danger-hover',
  'danger-subtle': 'text-danger-text hover:bg-danger-soft',
};

const SIZES: Record<ButtonSize, string> = {
  sm: 'h-7 gap-1.5 px-2.5 text-[0.8125rem]',
  md: 'h-8 gap-1.5 px-3 text-sm',
  lg: 'h-9 gap-2 px-4 text-sm',
};

/** Classes of a button, for links that should look like one. */
export function buttonClass(
  variant: ButtonVariant = 'secondary',
  size: ButtonSize = 'md',
  extra = '',
): string {
  return [
    'inline-flex shrink-0 cursor-pointer select-none items-center justify-center whitespace-nowrap rounded-control font-medium transition-colors',
    'disabled:cursor-not-allowed disabled:opacity-60',
    VARIANTS[variant],
    SIZES[size],
    extra,
  ].join(' ');
}

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  icon?: LucideIcon;
  /** Shows a spinner and blocks repeat submits while a request is in flight. */
  isPending?: boolean;
};

export function Button({
  variant = 'secondary',
  size = 'md',
  icon: Icon,
  isPending = false,
  className = '',
  disabled,
  type = 'button',
  children,
  ...rest
}: ButtonProps) {
  const iconClass = size === 'sm' ? 'size-3.5' : 'size-4';
  return (
    <button
      type={type}
      className={buttonClass(variant, size, className)}
      disabled={disabled || isPending}
      aria-busy={isPending || undefined}
      {...rest}
    >
      {isPending ? (
        <LoaderCircle aria-hidden className={`${iconClass} animate-spin`} />
      ) : Icon ? (
        <Icon aria-hidden className={iconClass} />
      ) : null}
      {children}
    </button>
  );
}
