import { Inbox, MailX } from 'lucide-react';
import { useDevMailbox } from '../../api/dev-mailbox';
import type { DevMail } from '../../api/types';
import { PageHeader } from '../../components/page';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { useDateFormat } from '../../lib/date-format';
import { linkify } from '../../lib/linkify';

type Props = { selectedId: string | null; onSelect: (mailId: string) => void };

export function DevMailboxPage({ selectedId, onSelect }: Props) {
  const mailbox = useDevMailbox({ poll: true });
  const formatDate = useDateFormat();
  const formatCompact = useDateFormat('compact');

  const header = (
    <PageHeader
      title="Developer mailbox"
      description="Email Parley would have sent you. It's kept here because no SMTP server is configured; each person sees only the mail sent to them."
    />
  );

  if (mailbox.isPending) {
    return (
      <>
        {header}
        <LoadingState label="Loading mail…" />
      </>
    );
  }
  if (mailbox.isError) {
    return (
      <>
        {header}
        <ErrorState error={mailbox.error} onRetry={() => void mailbox.refetch()} />
      </>
    );
  }
  if (!mailbox.data.enabled) {
    return (
      <>
        {header}
        <EmptyState
          icon={MailX}
          title="The developer mailbox is off"
          description="This server sends real email through SMTP, so nothing is kept here."
          className="py-24"
        />
      </>
    );
  }

  const mails = mailbox.data.items;
  const selected = mails.find((mail) => mail.id === selectedId) ?? mails[0] ?? null;

  return (
    <div className="flex h-full flex-col">
      {header}
      {mails.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title="No mail yet"
          description="Sign-in links, password resets and invitations sent to you show up here. To pass on an invitation you sent, use Copy link on the Members page."
          className="py-24"
        />
      ) : (
        <div className="flex min-h-0 flex-1">
          <nav aria-label="Mail" className="w-80 shrink-0 overflow-y-auto border-line border-r">
            <ul>
              {mails.map((mail) => {
                const isSelected = mail.id === selected?.id;
                return (
                  <li key={mail.id}>
                    <button
                      type="button"
                      aria-current={isSelected ? 'true' : undefined}
                      onClick={() => onSelect(mail.id)}
                      className={`block w-full border-line border-b px-5 py-3 text-left transition-colors ${
                        isSelected ? 'bg-accent-soft' : 'hover:bg-surface-muted'
                      }`}
                    >
                      <span className="flex items-baseline justify-between gap-2">
                        <span className="truncate font-medium text-fg">{mail.to}</span>
                        <time
                          dateTime={mail.createdAt}
                          title={formatDate(mail.createdAt)}
                          className="shrink-0 text-fg-subtle text-xs"
                        >
                          {formatCompact(mail.createdAt)}
                        </time>
                      </span>
                      <span className="mt-0.5 block truncate text-fg-muted">{mail.subject}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </nav>
          {selected ? <MailViewer mail={selected} formatDate={formatDate} /> : null}
        </div>
      )}
    </div>
  );
}

function MailViewer({ mail, formatDate }: { mail: DevMail; formatDate: (iso: string) => string }) {
  return (
    <article aria-labelledby="mail-subject" className="min-w-0 flex-1 overflow-y-auto px-8 py-6">
      <h2 id="mail-subject" className="font-semibold text-fg text-lg">
        {mail.subject}
      </h2>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-[0.8125rem]">
        <dt className="text-fg-subtle">To</dt>
        <dd className="text-fg">{mail.to}</dd>
        <dt className="text-fg-subtle">Sent</dt>
        <dd className="text-fg">
          <time dateTime={mail.createdAt}>{formatDate(mail.createdAt)}</time>
        </dd>
      </dl>
      <div className="mt-5 whitespace-pre-wrap break-words rounded-card border border-line bg-canvas p-5 text-fg leading-relaxed">
        {linkify(mail.text)}
      </div>
    </article>
  );
}
