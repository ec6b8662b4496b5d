import { Link } from '@tanstack/react-router';
import { ChevronRight, Inbox as InboxIcon, Plus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useCreateInbox, useInboxes } from '../../api/inboxes';
import type { Inbox, Session } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';
import { PageBody, PageHeader, Section } from '../../components/page';
import { AccessDenied, EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useDateFormat } from '../../lib/date-format';

export function canManageInboxes(session: Session): boolean {
  return session.role === 'owner' || session.role === 'admin';
}

type Props = { session: Session; onCreated: (inbox: Inbox) => void };

export function InboxesPage({ session, onCreated }: Props) {
  if (!canManageInboxes(session)) {
    return (
      <>
        <PageHeader title="Inboxes" />
        <AccessDenied message="Only owners and admins can set up inboxes and the website widget." />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Inboxes"
        description="Each inbox is a chat widget you install on a website. Conversations from it arrive in Conversations."
      />
      <PageBody>
        <CreateInbox onCreated={onCreated} />
        <InboxList />
      </PageBody>
    </>
  );
}

function CreateInbox({ onCreated }: { onCreated: (inbox: Inbox) => void }) {
  const [name, setName] = useState('');
  const createInbox = useCreateInbox();
  const errors = formErrors(createInbox.error, ['name']);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    createInbox.mutate({ name: name.trim() }, { onSuccess: onCreated });
  };

  return (
    <Section
      id="create-inbox"
      title="Create inbox"
      description="Name it after the website it lives on, like “Acme store”."
    >
      <form className="space-y-3" onSubmit={onSubmit}>
        <div className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-3">
          <TextField
            label="Name"
            name="inbox-name"
            autoComplete="off"
            placeholder="e.g. Acme store"
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={errors.fields.name}
          />
          <Button
            type="submit"
            variant="primary"
            size="lg"
            icon={Plus}
            className="mt-[1.625rem]"
            isPending={createInbox.isPending}
          >
            Create inbox
          </Button>
        </div>
        {errors.form ? <Alert>{errors.form}</Alert> : null}
      </form>
    </Section>
  );
}

function InboxList() {
  const inboxes = useInboxes();
  const formatDate = useDateFormat('date');

  return (
    <Section id="inboxes" title="Your inboxes" isFlush>
      {inboxes.isPending ? (
        <LoadingState label="Loading inboxes…" />
      ) : inboxes.isError ? (
        <ErrorState error={inboxes.error} onRetry={() => void inboxes.refetch()} />
      ) : inboxes.data.length === 0 ? (
        <EmptyState
          icon={InboxIcon}
          title="No inboxes yet"
          description="Create one above to get the snippet that puts the chat widget on your website."
          className="py-10"
        />
      ) : (
        <ul className="divide-y divide-line">
          {inboxes.data.map((inbox) => (
            <li key={inbox.id}>
              <Link
                to="/settings/inboxes/$inboxId"
                params={{ inboxId: inbox.id }}
                className="group flex items-center gap-3 px-5 py-3 transition-colors hover:bg-surface-muted/60 focus-visible:-outline-offset-2"
              >
                <span
                  aria-hidden
                  className="size-3 shrink-0 rounded-full ring-1 ring-line-strong"
                  style={{ backgroundColor: inbox.settings.color }}
                />
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium text-fg">{inbox.name}</span>
                  <span className="block truncate font-mono text-fg-subtle text-xs">{inbox.widgetKey}</span>
                </span>
                <span className="hidden shrink-0 text-fg-muted text-xs sm:block">
                  {inbox.settings.businessHours ? 'Business hours' : 'Always open'}
                </span>
                <span className="shrink-0 text-fg-muted text-xs">
                  Created <time dateTime={inbox.createdAt}>{formatDate(inbox.createdAt)}</time>
                </span>
                <span className="inline-flex shrink-0 items-center gap-0.5 font-medium text-[0.8125rem] text-accent-text">
                  Settings
                  <ChevronRight
                    aria-hidden
                    className="size-4 transition-transform group-hover:translate-x-0.5"
                  />
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
