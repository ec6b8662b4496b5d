import { Check, Copy } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from './button';

/** A read-only value with a Copy button; the field selects itself so ⌘C works too. */
export function CopyBox({ label, value }: { label: string; value: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [isCopied, setIsCopied] = useState(false);

  useEffect(() => {
    inputRef.current?.select();
  }, []);

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
      inputRef.current?.select();
    }
  };

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={id} className="font-medium text-[0.8125rem] text-fg">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={inputRef}
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
          className="h-9 w-full min-w-0 rounded-control border border-line-strong bg-surface-muted px-3 font-mono text-[0.8125rem] text-fg focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25"
        />
        <Button onClick={() => void copy()} icon={isCopied ? Check : Copy} size="lg">
          {isCopied ? 'Copied' : 'Copy'}
        </Button>
      </div>
      <span aria-live="polite" className="sr-only">
        {isCopied ? 'Token copied to the clipboard' : ''}
      </span>
    </div>
  );
}
