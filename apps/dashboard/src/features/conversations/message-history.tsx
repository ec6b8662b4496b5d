import { AlertCircle, Check, CheckCheck, FileText, Lock, MessageSquareDashed } from 'lucide-react';
import {
  Fragment,
  type ReactNode,
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { useMessages } from '../../api/conversations';
import type { Attachment, Message, MessageStatus } from '../../api/types';
import { Button } from '../../components/button';
import { EmptyState, ErrorState } from '../../components/states';
import { useDateFormat, useDayFormat, useTimeFormat } from '../../lib/date-format';
import { linkify } from '../../lib/linkify';
import { contactDisplayName } from '../contacts/format';
import { formatBytes } from './format';

/** How close to the bottom counts as "following along" (new messages then scroll into view). */
const FOLLOW_THRESHOLD_PX = 120;
/** Signed attachment links expire after an hour; a broken one refreshes the page of messages at most this often. */
const LINK_REFRESH_MS = 60_000;

/** How long a message brought into view (from a search result) stays highlighted. */
const HIGHLIGHT_MS = 3000;

type Props = {
  conversationId: string;
  myUserId: string;
  /** A message to bring into view and highlight once, loading older pages until it is there. */
  focusMessageId?: string | undefined;
};

export function MessageHistory({ conversationId, myUserId, focusMessageId }: Props) {
  const messages = useMessages(conversationId);
  const scrollRef = useRef<HTMLDivElement>(null);
  const isFollowing = useRef(true);
  const previous = useRef<{ firstId: string | null; lastId: string | null; height: number }>({
    firstId: null,
    lastId: null,
    height: 0,
  });
  const lastLinkRefresh = useRef(0);
  const items = messages.data;
  const announcement = useIncomingAnnouncement(items);

  // Keeps the view where the agent expects it: at the bottom on open and when new messages arrive
  // (if they were following), and on the same message when earlier ones are loaded above.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element || !items) {
      return;
    }
    const firstId = items[0]?.id ?? null;
    const lastId = items.at(-1)?.id ?? null;
    const before = previous.current;
    if (before.lastId === null) {
      element.scrollTop = element.scrollHeight;
    } else if (firstId !== before.firstId && lastId === before.lastId) {
      element.scrollTop += element.scrollHeight - before.height;
    } else if (lastId !== before.lastId) {
      const newest = items.at(-1);
      const isOwn = newest?.sender.type === 'user' && newest.sender.id === myUserId;
      if (isFollowing.current || isOwn) {
        element.scrollTop = element.scrollHeight;
      }
    }
    previous.current = { firstId, lastId, height: element.scrollHeight };
  }, [items, myUserId]);

  // The pane shrinks (window resized, composer grew): whoever was at the bottom stays there.
  const attachScroller = useCallback((element: HTMLDivElement | null) => {
    scrollRef.current = element;
    if (!element) {
      return;
    }
    const observer = new ResizeObserver(() => {
      if (isFollowing.current) {
        element.scrollTop = element.scrollHeight;
      }
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      scrollRef.current = null;
    };
  }, []);

  const onScroll = () => {
    const element = scrollRef.current;
    if (element) {
      isFollowing.current =
        element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_THRESHOLD_PX;
      previous.current.height = element.scrollHeight;
    }
  };

  /** An image finished loading and grew the history: stay at the bottom if following. */
  const onMediaLoaded = useCallback(() => {
    const element = scrollRef.current;
    if (element && isFollowing.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, []);

  const highlightedId = useFocusedMessage(messages, focusMessageId, scrollRef, isFollowing);

  const { refetch } = messages;
  const onLinkExpired = useCallback(() => {
    if (Date.now() - lastLinkRefresh.current > LINK_REFRESH_MS) {
      lastLinkRefresh.current = Date.now();
      void refetch();
    }
  }, [refetch]);

  const liveRegion = (
    <p aria-live="polite" className="sr-only">
      {announcement}
    </p>
  );

  if (messages.isPending) {
    return <HistorySkeleton />;
  }
  if (messages.isError && !items) {
    return (
      <div className="min-h-0 flex-1 overflow-y-auto">
        <ErrorState error={messages.error} onRetry={() => void messages.refetch()} />
      </div>
    );
  }

  return (
    <>
      {liveRegion}
      {/* The history is the scroller itself, focusable so it can be scrolled with the keyboard. New
        messages from the visitor are announced by the live region above, once and briefly, rather
        than by the log reading out every change. */}
      <div
        ref={attachScroller}
        onScroll={onScroll}
        role="log"
        aria-live="off"
        aria-label="Messages"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        className="min-h-0 flex-1 overflow-y-auto bg-canvas focus-visible:-outline-offset-2"
      >
        <div className="mx-auto flex max-w-3xl flex-col px-5 pt-4 pb-2">
          {messages.hasNextPage ? (
            <div className="mb-3 flex justify-center">
              <Button
                size="sm"
                variant="ghost"
                onClick={() => void messages.fetchNextPage()}
                isPending={messages.isFetchingNextPage}
              >
                Load earlier
              </Button>
            </div>
          ) : null}
          {items && items.length === 0 ? (
            <EmptyState icon={MessageSquareDashed} title="No messages yet" className="py-16" />
          ) : (
            <MessageItems
              items={items ?? []}
              myUserId={myUserId}
              highlightedId={highlightedId}
              onMediaLoaded={onMediaLoaded}
              onLinkExpired={onLinkExpired}
            />
          )}
        </div>
      </div>
    </>
  );
}

/**
 * Brings `focusMessageId` into view once: older pages load until it is among them (ids sort by
 * time, so a page that starts before it proves it is loaded or gone), then it is scrolled to the
 * middle, focused for screen readers and highlighted for a moment. Returns the highlighted id.
 */
function useFocusedMessage(
  messages: ReturnType<typeof useMessages>,
  focusMessageId: string | undefined,
  scrollRef: RefObject<HTMLDivElement | null>,
  isFollowing: RefObject<boolean>,
): string | null {
  const [highlightedId, setHighlightedId] = useState<string | null>(null);
  const handled = useRef<string | null>(null);
  const { data: items, hasNextPage, isFetchingNextPage, fetchNextPage } = messages;

  useEffect(() => {
    if (!focusMessageId || handled.current === focusMessageId || !items) {
      return;
    }
    if (!items.some((message) => message.id === focusMessageId)) {
      const oldest = items[0]?.id;
      if (hasNextPage && (!oldest || focusMessageId < oldest)) {
        if (!isFetchingNextPage) {
          void fetchNextPage();
        }
        return;
      }
      // Not in this conversation (or deleted): the history simply stays at the bottom.
      handled.current = focusMessageId;
      return;
    }
    handled.current = focusMessageId;
    isFollowing.current = false;
    const element = scrollRef.current?.querySelector<HTMLElement>(
      `[data-message-id="${CSS.escape(focusMessageId)}"]`,
    );
    if (element) {
      element.scrollIntoView({ block: 'center' });
      element.focus({ preventScroll: true });
    }
    setHighlightedId(focusMessageId);
  }, [focusMessageId, items, hasNextPage, isFetchingNextPage, fetchNextPage, scrollRef, isFollowing]);

  useEffect(() => {
    if (!highlightedId) {
      return;
    }
    const timer = window.setTimeout(() => setHighlightedId(null), HIGHLIGHT_MS);
    return () => window.clearTimeout(timer);
  }, [highlightedId]);

  return highlightedId;
}

/**
 * Text for a polite live region when the visitor writes while the conversation is open ("New
 * message from Ada: …"). Messages present when it opened, and the agent's own, are not announced.
 */
function useIncomingAnnouncement(items: Message[] | undefined): string {
  const [announcement, setAnnouncement] = useState('');
  const newestSeen = useRef<string | null>(null);
  useEffect(() => {
    if (!items) {
      return;
    }
    const newest = items.at(-1)?.id ?? '';
    if (newestSeen.current === null) {
      newestSeen.current = newest;
      return;
    }
    const since = newestSeen.current;
    const incoming = items.filter((message) => message.id > since && message.kind === 'incoming');
    if (newest > since) {
      newestSeen.current = newest;
    }
    const last = incoming.at(-1);
    if (last) {
      const who = last.sender.name || 'the visitor';
      const what = last.text.trim() || (last.attachments.length > 0 ? 'a file' : '');
      const more = incoming.length > 1 ? ` (${incoming.length} new messages)` : '';
      setAnnouncement(`New message from ${who}${more}: ${what.slice(0, 200)}`);
    }
  }, [items]);
  return announcement;
}

type ItemsProps = {
  items: Message[];
  myUserId: string;
  highlightedId: string | null;
  onMediaLoaded: () => void;
  onLinkExpired: () => void;
};

function MessageItems({ items, myUserId, highlightedId, onMediaLoaded, onLinkExpired }: ItemsProps) {
  const { keyOf, labelOf } = useDayFormat();
  return (
    <ol className="flex flex-col">
      {items.map((message, index) => {
        const previous = items[index - 1];
        const isNewDay = !previous || keyOf(previous.createdAt) !== keyOf(message.createdAt);
        // Consecutive messages from the same person sit closer together.
        const isContinued =
          !isNewDay &&
          previous !== undefined &&
          previous.kind === message.kind &&
          previous.sender.id === message.sender.id &&
          Date.parse(message.createdAt) - Date.parse(previous.createdAt) < 5 * 60_000;
        return (
          <Fragment key={message.id}>
            {isNewDay ? (
              <li className="my-3 flex items-center gap-3">
                <span aria-hidden className="h-px flex-1 bg-line" />
                <span className="font-medium text-fg-subtle text-xs">{labelOf(message.createdAt)}</span>
                <span aria-hidden className="h-px flex-1 bg-line" />
              </li>
            ) : null}
            <li
              data-message-id={message.id}
              // Focused when a search result brings it into view, so a screen reader reads it.
              tabIndex={-1}
              className={`rounded-card transition-[background-color,box-shadow] duration-700 focus:outline-none ${
                isContinued ? 'mt-1' : 'mt-3'
              } ${message.id === highlightedId ? 'bg-warning-soft shadow-[0_0_0_6px_var(--color-warning-soft)]' : ''}`}
            >
              <MessageItem
                message={message}
                isMine={message.sender.type === 'user' && message.sender.id === myUserId}
                onMediaLoaded={onMediaLoaded}
                onLinkExpired={onLinkExpired}
              />
            </li>
          </Fragment>
        );
      })}
    </ol>
  );
}

const STATUS_LABEL: Partial<Record<MessageStatus, string>> = {
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
};

function DeliveryState({ status }: { status: MessageStatus }) {
  const Icon = status === 'sent' ? Check : status === 'failed' ? AlertCircle : CheckCheck;
  const tone = status === 'read' ? 'text-accent-text' : status === 'failed' ? 'text-danger-text' : '';
  return (
    <span className={`inline-flex items-center gap-0.5 ${tone}`}>
      <Icon aria-hidden className="size-3.5" />
      {STATUS_LABEL[status]}
    </span>
  );
}

type ItemProps = {
  message: Message;
  isMine: boolean;
  onMediaLoaded: () => void;
  onLinkExpired: () => void;
};

function MessageItem({ message, isMine, onMediaLoaded, onLinkExpired }: ItemProps) {
  const formatTime = useTimeFormat();
  const formatDate = useDateFormat();
  const time = (
    <time dateTime={message.createdAt} title={formatDate(message.createdAt)}>
      {formatTime(message.createdAt)}
    </time>
  );

  if (message.kind === 'activity') {
    // Activity lines name times in UTC ISO form ("snoozed … until 2025-03-04T09:00:00.000Z"):
    // shown in the agent's own time zone instead.
    const text = message.text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) =>
      formatDate(iso),
    );
    return (
      <p className="mx-auto max-w-md px-4 text-center text-fg-subtle text-xs">
        {text} · {time}
      </p>
    );
  }

  const isIncoming = message.kind === 'incoming';
  const isNote = message.kind === 'note';
  const author = isIncoming
    ? message.sender.id
      ? contactDisplayName({ id: message.sender.id, name: message.sender.name, email: null })
      : message.sender.name || 'Visitor'
    : isMine
      ? 'You'
      : message.sender.name || 'Team';
  const bubble = isIncoming
    ? 'rounded-bl-sm bg-surface text-fg border border-line'
    : isNote
      ? 'rounded-br-sm border border-warning-text/30 bg-warning-soft text-fg'
      : 'rounded-br-sm bg-accent text-accent-fg';
  const linkClass =
    isIncoming || isNote
      ? undefined
      : 'break-all font-medium text-accent-fg underline underline-offset-2 hover:no-underline';

  return (
    <article
      aria-label={`${isNote ? 'Private note' : 'Message'} from ${author}`}
      className={`flex flex-col ${isIncoming ? 'items-start' : 'items-end'}`}
    >
      <div className={`max-w-[min(36rem,85%)] rounded-2xl px-3.5 py-2 shadow-card ${bubble}`}>
        {isNote ? (
          <p className="mb-1 flex items-center gap-1 font-semibold text-[0.6875rem] text-warning-text uppercase tracking-wide">
            <Lock aria-hidden className="size-3" />
            Private note
          </p>
        ) : null}
        {message.text ? (
          <p className="whitespace-pre-wrap break-words">
            {linkify(message.text, { isExternal: true, ...(linkClass ? { className: linkClass } : {}) })}
          </p>
        ) : null}
        {message.attachments.length > 0 ? (
          <Attachments
            attachments={message.attachments}
            onTeamSide={!isIncoming && !isNote}
            hasText={message.text !== ''}
            onMediaLoaded={onMediaLoaded}
            onLinkExpired={onLinkExpired}
          />
        ) : null}
      </div>
      <p className="mt-1 flex items-center gap-1.5 px-1 text-fg-subtle text-xs">
        <span>{author}</span>
        <span aria-hidden>·</span>
        {time}
        {message.kind === 'outgoing' ? (
          <>
            <span aria-hidden>·</span>
            <DeliveryState status={message.status} />
          </>
        ) : null}
      </p>
    </article>
  );
}

type AttachmentsProps = {
  attachments: Attachment[];
  onTeamSide: boolean;
  hasText: boolean;
  onMediaLoaded: () => void;
  onLinkExpired: () => void;
};

function Attachments({ attachments, onTeamSide, hasText, onMediaLoaded, onLinkExpired }: AttachmentsProps) {
  return (
    <ul className={`flex flex-col gap-1.5 ${hasText ? 'mt-2' : ''}`}>
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          {attachment.isImage ? (
            <a href={attachment.url} target="_blank" rel="noopener noreferrer" className="block">
              <img
                src={attachment.url}
                alt={attachment.filename}
                loading="lazy"
                onLoad={onMediaLoaded}
                onError={onLinkExpired}
                className="max-h-64 max-w-full rounded-lg bg-surface-muted object-contain"
              />
            </a>
          ) : (
            <AttachmentLink attachment={attachment} onTeamSide={onTeamSide} />
          )}
        </li>
      ))}
    </ul>
  );
}

function AttachmentLink({
  attachment,
  onTeamSide,
}: {
  attachment: Attachment;
  onTeamSide: boolean;
}): ReactNode {
  return (
    <a
      href={attachment.url}
      target="_blank"
      rel="noopener noreferrer"
      className={`flex items-center gap-2 rounded-lg border px-2.5 py-1.5 text-[0.8125rem] ${
        onTeamSide
          ? 'border-white/25 bg-black/10 text-accent-fg hover:bg-black/20'
          : 'border-line bg-surface-muted text-fg hover:bg-surface-hover'
      }`}
    >
      <FileText aria-hidden className="size-4 shrink-0 opacity-80" />
      <span className="min-w-0 flex-1 truncate font-medium underline-offset-2 hover:underline">
        {attachment.filename}
      </span>
      <span className="shrink-0 text-xs opacity-90">{formatBytes(attachment.size)}</span>
    </a>
  );
}

function HistorySkeleton() {
  return (
    <div role="status" aria-label="Loading messages" className="min-h-0 flex-1 overflow-hidden bg-canvas">
      <div className="mx-auto flex max-w-3xl animate-pulse flex-col gap-4 px-5 pt-6">
        <span className="h-10 w-2/3 max-w-sm rounded-2xl bg-surface-hover" />
        <span className="h-14 w-1/2 max-w-xs self-end rounded-2xl bg-surface-hover" />
        <span className="h-8 w-1/2 max-w-xs rounded-2xl bg-surface-hover" />
        <span className="h-10 w-3/5 max-w-sm self-end rounded-2xl bg-surface-hover" />
      </div>
    </div>
  );
}
