import { Check, Copy, Eye, EyeOff } from 'lucide-react';
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { Button } from './button';

type CopyBoxProps = {
  label: string;
  value: string;
  hint?: ReactNode;
  /** A code snippet: shown in a wrapping box of several lines. */
  isMultiline?: boolean;
  /** A secret: masked until "Show" is pressed (Copy works either way). */
  isSecret?: boolean;
  /** Selects the value when it first appears (a token shown once); off for values on a settings page. */
  selectOnMount?: boolean;
};

const FIELD_CLASS =
  'w-full min-w-0 rounded-control border border-line-strong bg-surface-muted px-3 font-mono text-[0.8125rem] text-fg focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25';

/** A read-only value with a Copy button; the field selects itself on focus so ⌘C works too. */
export function CopyBox({
  label,
  value,
  hint,
  isMultiline = false,
  isSecret = false,
  selectOnMount = true,
}: CopyBoxProps) {
  const id = useId();
  const hintId = useId();
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [isCopied, setIsCopied] = useState(false);
  const [isRevealed, setIsRevealed] = useState(false);

  useEffect(() => {
    if (selectOnMount) {
      fieldRef.current?.select();
    }
  }, [selectOnMount]);

  useEffect(() => {
    if (!isCopied) {
      return;
    }
    const timer = window.setTimeout(() => setIsCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [isCopied]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setIsCopied(true);
    } catch {
      // Clipboard access can be refused (permissions, insecure origin): leave the text selected.
      if (!isSecret || isRevealed) {
        fieldRef.current?.select();
      }
    }
  };

  const fieldProps = {
    ref: fieldRef,
    id,
    readOnly: true,
    value,
    spellCheck: false,
    autoComplete: 'off',
    'aria-describedby': hint ? hintId : undefined,
    onFocus: (event: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      event.currentTarget.select(),
  };

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-medium text-[0.8125rem] text-fg">
        {label}
      </label>
      <div className={`flex gap-2 ${isMultiline ? 'items-start' : ''}`}>
        {isMultiline ? (
          <textarea {...fieldProps} rows={2} className={`${FIELD_CLASS} resize-none py-2 leading-relaxed`} />
        ) : (
          <input
            {...fieldProps}
            type={isSecret && !isRevealed ? 'password' : 'text'}
            className={`${FIELD_CLASS} h-9`}
          />
        )}
        {isSecret ? (
          <Button onClick={() => setIsRevealed((shown) => !shown)} icon={isRevealed ? EyeOff : Eye} size="lg">
            {isRevealed ? 'Hide' : 'Show'}
          </Button>
        ) : null}
        <Button onClick={() => void copy()} icon={isCopied ? Check : Copy} size="lg">
          {isCopied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      {hint ? (
        <p id={hintId} className="text-fg-subtle text-xs">
          {hint}
        </p>
      ) : null}
      <span aria-live="polite" className="sr-only">
        {isCopied ? `${label} copied to the clipboard` : ''}
      </span>
    </div>
  );
}
