import { type LucideIcon, X } from 'lucide-react';
import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../api/api-error';
import { Alert } from './alert';
import { Button, type ButtonSize, type ButtonVariant } from './button';

type DialogProps = {
  isOpen: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  /** `lg` for dialogs with more to show (a form with a long text, a table of shortcuts). */
  size?: 'md' | 'lg';
};

/** Opens the <dialog> as a modal while `isOpen` holds, and closes it when it stops holding. */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>, isOpen: boolean) {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) {
      return;
    }
    if (isOpen && !dialog.open) {
      dialog.showModal();
    } else if (!isOpen && dialog.open) {
      dialog.close();
    }
  }, [ref, isOpen]);
}

/**
 * A modal built on <dialog>: the browser traps focus, makes the page inert, closes on Escape
 * and returns focus to whatever opened it.
 */
export function Dialog({ isOpen, onClose, title, description, children, size = 'md' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useModalDialog(ref, isOpen);

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      className={`m-auto w-[calc(100%-2rem)] ${size === 'lg' ? 'max-w-2xl' : 'max-w-md'} rounded-card border border-line bg-surface p-0 text-fg shadow-popover open:animate-fade-in text-left`}
    >
      {isOpen ? (
        <div className="p-5">
          <div className="flex items-start justify-between gap-4">
            <h2 id={titleId} className="font-semibold text-base">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="-mt-1 -mr-1 rounded-control p-1 text-fg-subtle hover:bg-surface-hover hover:text-fg"
            >
              <X aria-hidden className="size-4" />
            </button>
          </div>
          {description ? (
            <div id={descriptionId} className="mt-1.5 text-fg-muted">
              {description}
            </div>
          ) : null}
          {children ? <div className="mt-4">{children}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}

type ConfirmDialogProps = {
  isOpen: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  isPending?: boolean;
  error?: string | null;
};

export function ConfirmDialog({
  isOpen,
  onClose,
  onConfirm,
  title,
  description,
  confirmLabel,
  isPending = false,
  error,
}: ConfirmDialogProps) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title={title} description={description}>
      {error ? <Alert className="mb-4">{error}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button variant="danger" onClick={onConfirm} isPending={isPending}>
          {confirmLabel}
        </Button>
      </div>
    </Dialog>
  );
}

/** The part of a mutation a confirmed action needs; any TanStack Query mutation fits. */
export type ConfirmedMutation<V> = {
  mutate: (variables: V, options: { onSuccess: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
};

type ConfirmButtonProps<V> = {
  icon: LucideIcon;
  'aria-label'?: string;
  children: ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Runs with `variables` once confirmed; the dialog stays open, with the error, if it fails. */
  mutation: ConfirmedMutation<V>;
  variables: V;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** What follows a confirmed success, once the dialog has closed. */
  onConfirmed?: () => void;
};

/** A destructive action (delete, revoke, remove, leave) that asks first. */
export function ConfirmButton<V>({
  icon,
  'aria-label': ariaLabel,
  children,
  variant = 'danger-subtle',
  size = 'sm',
  mutation,
  variables,
  title,
  description,
  confirmLabel,
  onConfirmed,
}: ConfirmButtonProps<V>) {
  const [isConfirming, setIsConfirming] = useState(false);
  return (
    <>
      <Button
        variant={variant}
        size={size}
        icon={icon}
        aria-label={ariaLabel}
        onClick={() => setIsConfirming(true)}
      >
        {children}
      </Button>
      <ConfirmDialog
        isOpen={isConfirming}
        onClose={() => {
          setIsConfirming(false);
          mutation.reset();
        }}
        onConfirm={() =>
          mutation.mutate(variables, {
            onSuccess: () => {
              setIsConfirming(false);
              onConfirmed?.();
            },
          })
        }
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        isPending={mutation.isPending}
        error={mutation.error ? errorMessage(mutation.error) : null}
      />
    </>
  );
}
