import type { ReactNode } from 'react';

type PageHeaderProps = { title: string; description?: ReactNode; actions?: ReactNode };

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <header className="border-line border-b bg-surface">
      <title>{`${title} · Parley`}</title>
      <div className="mx-auto flex w-full max-w-5xl items-end justify-between gap-4 px-6 pt-7 pb-5 xl:px-8">
        <div className="min-w-0">
          <h1 className="font-semibold text-fg text-xl tracking-tight">{title}</h1>
          {description ? <p className="mt-1 text-fg-muted">{description}</p> : null}
        </div>
        {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
      </div>
    </header>
  );
}

export function PageBody({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-5xl space-y-6 px-6 py-6 xl:px-8">{children}</div>;
}

type SectionProps = {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** Tables and lists run to the card's edges; forms get padding. */
  isFlush?: boolean;
  /** Lets a picker's panel open past the card's edge (the card then does not clip its content). */
  hasPopovers?: boolean;
};

export function Section({
  id,
  title,
  description,
  actions,
  children,
  isFlush = false,
  hasPopovers = false,
}: SectionProps) {
  return (
    <section
      aria-labelledby={id}
      className={`${hasPopovers ? '' : 'overflow-hidden'} rounded-card border border-line bg-surface shadow-card`}
    >
      {/* The title takes the room; the actions go below it when the card is too narrow for both. */}
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2 border-line border-b px-5 py-3.5">
        <div className="min-w-0 grow basis-64">
          <h2 id={id} className="font-semibold text-fg text-sm">
            {title}
          </h2>
          {description ? <p className="mt-0.5 text-[0.8125rem] text-fg-muted">{description}</p> : null}
        </div>
        {actions}
      </div>
      <div className={isFlush ? '' : 'px-5 py-4'}>{children}</div>
    </section>
  );
}
