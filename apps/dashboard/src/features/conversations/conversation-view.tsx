import { Globe, Mail, UserMinus, UserPlus } from 'lucide-react';
import { useId } from 'react';
import { errorMessage } from '../../api/api-error';
import { useConversation, useMarkReadWhileOpen, useUpdateConversation } from '../../api/conversations';
import { useVisitorTyping } from '../../api/realtime';
import type { Conversation, ConversationStatus, Session } from '../../api/types';
import { Alert } from '../../components/alert';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { Select } from '../../components/field';
import { ErrorState } from '../../components/states';
import { Composer } from './composer';
import { contactName, shortId } from './format';
import { MessageHistory } from './message-history';

type Props = { conversationId: string; session: Session };

/** One conversation: who it is with, its status and assignee, the messages and the composer. */
export function ConversationView({ conversationId, session }: Props) {
  const conversation = useConversation(conversationId);
  useMarkReadWhileOpen(conversation.data);

  if (conversation.isError && !conversation.data) {
    return (
      <div className="flex h-full items-center justify-center bg-canvas">
        <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} />
      </div>
    );
  }

  return (
    <section aria-label="Conversation" className="flex h-full min-h-0 flex-col bg-surface">
      {conversation.data ? (
        <ConversationHeader conversation={conversation.data} session={session} />
      ) : (
        <HeaderSkeleton />
      )}
      <MessageHistory conversationId={conversationId} myUserId={session.user.id} />
      <TypingLine conversationId={conversationId} />
      <Composer conversationId={conversationId} />
    </section>
  );
}

const STATUS_OPTIONS: { value: ConversationStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'resolved', label: 'Resolved' },
];

function sourceHost(url: string | null): string | null {
  if (!url) {
    return null;
  }
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return null;
  }
}

function ConversationHeader({ conversation, session }: { conversation: Conversation; session: Session }) {
  const update = useUpdateConversation(conversation.id);
  const statusId = useId();
  const name = contactName(conversation);
  const isMine = conversation.assignee?.id === session.user.id;
  const source = sourceHost(conversation.sourcePage);
  const pendingPatch = update.isPending ? update.variables : undefined;

  return (
    <header className="border-line border-b">
      <title>{`${name} · Conversations · Parley`}</title>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-3">
        <div className="flex min-w-40 flex-1 items-center gap-3">
          <Avatar name={name} url={conversation.contact.avatarUrl} />
          <div className="min-w-0">
            <h2 className="flex items-baseline gap-2 font-semibold text-base text-fg">
              <span className="truncate">{name}</span>
              <span className="shrink-0 font-mono font-normal text-fg-subtle text-xs">
                #{shortId(conversation.id)}
              </span>
            </h2>
            <p className="flex min-w-0 items-center gap-3 text-fg-muted text-xs">
              {conversation.contact.email ? (
                <a
                  href={`mailto:${conversation.contact.email}`}
                  className="inline-flex min-w-0 items-center gap-1 hover:text-fg hover:underline"
                >
                  <Mail aria-hidden className="size-3.5 shrink-0" />
                  <span className="truncate">{conversation.contact.email}</span>
                </a>
              ) : (
                <span className="shrink-0 whitespace-nowrap">No email yet</span>
              )}
              {source ? (
                <span
                  className="hidden min-w-0 items-center gap-1 xl:inline-flex"
                  title={conversation.sourcePage ?? ''}
                >
                  <Globe aria-hidden className="size-3.5 shrink-0" />
                  <span className="truncate">Started on {source}</span>
                </span>
              ) : null}
            </p>
          </div>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {conversation.assignee ? (
            <span
              className="flex items-center gap-1.5 text-fg-muted text-xs"
              title={`Assigned to ${isMine ? 'you' : conversation.assignee.name}`}
            >
              <Avatar name={conversation.assignee.name} url={conversation.assignee.avatarUrl} size="sm" />
              {/* Narrow screens show the avatar only; the name stays for screen readers. */}
              <span className="sr-only xl:not-sr-only">
                <span className="sr-only">Assigned to </span>
                <span className="inline-block max-w-28 truncate align-bottom">
                  {isMine ? 'You' : conversation.assignee.name}
                </span>
              </span>
            </span>
          ) : null}
          {isMine ? (
            <Button
              size="md"
              icon={UserMinus}
              isPending={pendingPatch?.assigneeId === null}
              disabled={update.isPending}
              onClick={() => update.mutate({ assigneeId: null })}
            >
              Unassign
            </Button>
          ) : (
            <Button
              size="md"
              icon={UserPlus}
              isPending={pendingPatch?.assigneeId === session.user.id}
              disabled={update.isPending}
              onClick={() => update.mutate({ assigneeId: session.user.id })}
            >
              Assign to me
            </Button>
          )}
          <label htmlFor={statusId} className="sr-only">
            Status
          </label>
          <Select
            id={statusId}
            isCompact
            className="w-32"
            value={conversation.status}
            disabled={update.isPending}
            onChange={(event) => update.mutate({ status: event.target.value as ConversationStatus })}
          >
            {conversation.status === 'snoozed' ? (
              <option value="snoozed" disabled>
                Snoozed
              </option>
            ) : null}
            {STATUS_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      {update.isError ? (
        <div className="px-5 pb-3">
          <Alert>{errorMessage(update.error)}</Alert>
        </div>
      ) : null}
    </header>
  );
}

function HeaderSkeleton() {
  return (
    <div
      role="status"
      aria-label="Loading conversation"
      className="flex animate-pulse items-center gap-3 border-line border-b px-5 py-3.5"
    >
      <span className="size-7 rounded-full bg-surface-hover" />
      <span className="space-y-1.5">
        <span className="block h-3.5 w-36 rounded bg-surface-hover" />
        <span className="block h-3 w-24 rounded bg-surface-hover" />
      </span>
    </div>
  );
}

function TypingLine({ conversationId }: { conversationId: string }) {
  const isTyping = useVisitorTyping(conversationId);
  return (
    <div aria-live="polite" className="h-6 shrink-0 bg-canvas px-5 text-fg-subtle text-xs">
      {isTyping ? (
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden className="inline-flex gap-0.5">
            <span className="size-1 animate-bounce rounded-full bg-fg-subtle" />
            <span className="size-1 animate-bounce rounded-full bg-fg-subtle [animation-delay:120ms]" />
            <span className="size-1 animate-bounce rounded-full bg-fg-subtle [animation-delay:240ms]" />
          </span>
          Visitor is typing…
        </span>
      ) : null}
    </div>
  );
}
