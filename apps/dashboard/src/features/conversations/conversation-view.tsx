import { Link } from '@tanstack/react-router';
import { ArrowLeft, Globe, Mail } from 'lucide-react';
import { useRef } from 'react';
import { useConversation, useMarkReadWhileOpen } from '../../api/conversations';
import { type TypingAgent, useAgentsTyping, useVisitorTyping } from '../../api/realtime';
import type { Conversation, Session } from '../../api/types';
import { Avatar } from '../../components/avatar';
import { ErrorState } from '../../components/states';
import { Composer, type ComposerHandle } from './composer/composer';
import {
  ContactDrawer,
  type ContactDrawerState,
  ContactDrawerToggle,
  useContactDrawer,
} from './contact-drawer';
import { ConversationActions } from './conversation-actions';
import { contactName, shortId } from './format';
import { useShortcuts } from './keyboard';
import type { ConversationListSearch } from './list-search';
import { MessageHistory } from './message-history';

type Props = {
  conversationId: string;
  session: Session;
  listSearch: ConversationListSearch;
  /** A message to bring into view and highlight (a search result), loading older pages if needed. */
  focusMessageId?: string | undefined;
};

/** One conversation: who it is with, what to do with it, the messages and the composer. */
export function ConversationView({ conversationId, session, listSearch, focusMessageId }: Props) {
  const conversation = useConversation(conversationId);
  const composerRef = useRef<ComposerHandle>(null);
  const contactDrawer = useContactDrawer();
  useMarkReadWhileOpen(conversation.data);
  useShortcuts({
    r: () => {
      composerRef.current?.focus('reply');
      return true;
    },
    n: () => {
      composerRef.current?.focus('note');
      return true;
    },
    i: () => {
      if (!conversation.data) {
        return false;
      }
      contactDrawer.toggle();
      return true;
    },
  });

  const contactPanel = conversation.data ? (
    <ContactDrawer
      drawer={contactDrawer}
      contactId={conversation.data.contact.id}
      conversationId={conversationId}
    />
  ) : null;

  if (conversation.isError && !conversation.data) {
    return (
      <div className="flex h-full flex-col bg-canvas">
        <BackToList search={listSearch} />
        <div className="flex flex-1 items-center justify-center">
          <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} />
        </div>
      </div>
    );
  }

  return (
    <div className="flex h-full min-h-0">
      {/* A size container: the header fits its actions to the conversation's width, not the window's. */}
      <section
        aria-label="Conversation"
        className="@container flex h-full min-h-0 min-w-0 flex-1 flex-col bg-surface"
      >
        {conversation.data ? (
          <ConversationHeader
            conversation={conversation.data}
            session={session}
            listSearch={listSearch}
            contactDrawer={contactDrawer}
          />
        ) : (
          <HeaderSkeleton />
        )}
        {/* Narrow, the contact opens over what is below the header, which keeps its actions in reach. */}
        <div className="relative flex min-h-0 flex-1 flex-col">
          <MessageHistory
            conversationId={conversationId}
            myUserId={session.user.id}
            focusMessageId={focusMessageId}
          />
          <TypingLine conversationId={conversationId} />
          <Composer
            ref={composerRef}
            conversationId={conversationId}
            myUserId={session.user.id}
            cannedValues={{
              contact: conversation.data?.contact ?? null,
              agent: session.user,
              workspace: session.workspace,
            }}
          />
          {contactDrawer.isOverlay ? contactPanel : null}
        </div>
      </section>
      {contactDrawer.isOverlay ? null : contactPanel}
    </div>
  );
}

/** On a phone-sized screen the list is hidden while a conversation is open: the way back to it. */
function BackToList({ search }: { search: ConversationListSearch }) {
  return (
    <Link
      to="/conversations"
      search={search}
      aria-label="Back to the conversation list"
      className="-ml-1 flex size-8 shrink-0 items-center justify-center rounded-control text-fg-muted hover:bg-surface-hover hover:text-fg md:hidden"
    >
      <ArrowLeft aria-hidden className="size-5" />
    </Link>
  );
}

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

function ConversationHeader({
  conversation,
  session,
  listSearch,
  contactDrawer,
}: {
  conversation: Conversation;
  session: Session;
  listSearch: ConversationListSearch;
  contactDrawer: ContactDrawerState;
}) {
  const name = contactName(conversation);
  const source = sourceHost(conversation.sourcePage);

  return (
    <header className="relative z-10 border-line border-b">
      <title>{`${name} · Conversations · Parley`}</title>
      <ConversationActions
        conversation={conversation}
        session={session}
        trailing={<ContactDrawerToggle drawer={contactDrawer} />}
        identity={
          <div className="flex min-w-0 flex-1 items-center gap-3 @max-md:gap-2">
            <BackToList search={listSearch} />
            {/* In a narrow conversation (a phone) the name gets the room the avatar would take. */}
            <span className="contents @max-md:hidden">
              <Avatar name={name} url={conversation.contact.avatarUrl} />
            </span>
            <div className="min-w-0 flex-1">
              <h2 className="flex min-w-0 items-baseline gap-2 font-semibold text-base text-fg @max-md:text-[0.9375rem]">
                {/* In a narrow conversation a long name takes two lines before it is cut. */}
                <span
                  title={name}
                  className="min-w-0 truncate @max-md:line-clamp-2 @max-md:whitespace-normal @max-md:break-words"
                >
                  {name}
                </span>
                <span className="shrink-0 font-mono font-normal text-fg-subtle text-xs @max-md:hidden">
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
        }
      />
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

/** "Alice", "Alice and Bob", "Alice, Bob and Carol". */
function listNames(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** What teammates are writing here, so two agents don't answer the visitor at once. */
function describeAgentsTyping(agents: readonly TypingAgent[]): string | null {
  if (agents.length === 0) {
    return null;
  }
  const names = listNames(agents.map((agent) => agent.name));
  if (agents.length > 1) {
    return `${names} are typing…`;
  }
  return agents[0]?.isPrivate ? `${names} is typing a note…` : `${names} is typing…`;
}

function TypingDots() {
  return (
    <span aria-hidden className="inline-flex gap-0.5">
      <span className="size-1 animate-bounce rounded-full bg-current" />
      <span className="size-1 animate-bounce rounded-full bg-current [animation-delay:120ms]" />
      <span className="size-1 animate-bounce rounded-full bg-current [animation-delay:240ms]" />
    </span>
  );
}

/** Who is typing: the visitor, and teammates with this conversation open (a reply or a note). */
function TypingLine({ conversationId }: { conversationId: string }) {
  const isVisitorTyping = useVisitorTyping(conversationId);
  const agentsTyping = describeAgentsTyping(useAgentsTyping(conversationId));
  return (
    <div
      aria-live="polite"
      data-testid="typing-line"
      className="flex h-6 shrink-0 items-center gap-4 overflow-hidden bg-canvas px-5 text-fg-subtle text-xs max-md:px-3"
    >
      {isVisitorTyping ? (
        <span className="inline-flex shrink-0 items-center gap-1.5">
          <TypingDots />
          Visitor is typing…
        </span>
      ) : null}
      {agentsTyping ? (
        <span className="inline-flex min-w-0 items-center gap-1.5 font-medium text-warning-text">
          <TypingDots />
          <span className="truncate">{agentsTyping}</span>
        </span>
      ) : null}
    </div>
  );
}
