import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';

type PopoverProps = {
  /** Content of the trigger button; its accessible name comes from this unless `label` is given. */
  trigger: ReactNode;
  label?: string;
  triggerClassName?: string;
  panelClassName?: string;
  placement?: 'below' | 'above';
  testId?: string;
  children: (close: () => void) => ReactNode;
};

/**
 * A disclosure: a button that shows a panel of ordinary buttons and links right after it in
 * the tab order. Escape, a click outside, or moving focus elsewhere closes it.
 */
export function Popover({
  trigger,
  label,
  triggerClassName = '',
  panelClassName = '',
  placement = 'below',
  testId,
  children,
}: PopoverProps) {
  const [isOpen, setIsOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  const close = useCallback(() => {
    setIsOpen(false);
    buttonRef.current?.focus();
  }, []);

  useEffect(() => {
    if (!isOpen) {
      return;
    }
    const onPointerDown = (event: PointerEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) {
        setIsOpen(false);
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        close();
      }
    };
    // Tabbing past the last item closes the panel, so it never floats over unrelated focus.
    const onFocusIn = (event: FocusEvent) => {
      if (!containerRef.current?.contains(event.target as Node)) {
        setIsOpen(false);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [isOpen, close]);

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={isOpen}
        aria-controls={isOpen ? panelId : undefined}
        aria-label={label}
        data-testid={testId}
        onClick={() => setIsOpen((open) => !open)}
        className={triggerClassName}
      >
        {trigger}
      </button>
      {isOpen ? (
        <div
          id={panelId}
          className={`absolute right-0 left-0 z-30 animate-fade-in rounded-card border border-line bg-surface p-1 shadow-popover ${
            placement === 'below' ? 'top-full mt-1' : 'bottom-full mb-1'
          } ${panelClassName}`}
        >
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}

export const popoverItemClass =
  'flex w-full items-center gap-2 rounded-[0.3125rem] px-2 py-1.5 text-left text-sm text-fg hover:bg-surface-hover focus-visible:bg-surface-hover disabled:opacity-60';
