import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Alert } from './alert';
import { Button } from './button';
import { Section } from './page';

type InlineFormProps = {
  id: string;
  title: string;
  description: ReactNode;
  /** Called on submit, the browser's own submission prevented. */
  onSubmit: () => void;
  submitLabel: string;
  submitIcon: LucideIcon;
  isPending: boolean;
  /** The server's error that belongs to no field. */
  error: string | null;
  /** Two fields: a wide one, then a narrow one such as a role. */
  children: ReactNode;
  /** What shows under the form, such as a note that it worked. */
  footer?: ReactNode;
};

/** A settings section whose form fits on one line: two fields and the submit button. */
export function InlineForm({
  id,
  title,
  description,
  onSubmit,
  submitLabel,
  submitIcon,
  isPending,
  error,
  children,
  footer,
}: InlineFormProps) {
  return (
    <Section id={id} title={title} description={description}>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {/* On a phone the fields stack, so the first one keeps a usable width. */}
        <div className="grid grid-cols-1 items-start gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto]">
          {children}
          <Button
            type="submit"
            variant="primary"
            size="lg"
            icon={submitIcon}
            className="justify-self-start sm:mt-[1.625rem]"
            isPending={isPending}
          >
            {submitLabel}
          </Button>
        </div>
        {error ? <Alert>{error}</Alert> : null}
        {footer}
      </form>
    </Section>
  );
}
