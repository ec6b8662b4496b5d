import { useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { AtSign, Bell, CheckCheck } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { findCachedConversation } from '../../api/conversation-cache';
import { type Notification, useNotifications } from '../../api/notifications';
import { Alert } from '../../components/alert';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { ErrorState, Spinner } from '../../components/states';
import { useDateFormat, useRelativeTime } from '../../lib/date-format';
import { useMediaQuery } from '../../lib/use-media-query';
import { contactName, shortId } from '../conversations/format';

type Props = {
  /**
   * A media query the bell shows for (e.g. `(min-width: 64rem)` in the sidebar, the opposite in the
   * phone top bar). When it doesn't match, nothing renders: no second poll, no second live region.
   */
  media?: string;
  /** Which edge of the button the panel lines up with: `start` in the sidebar, `end` in a top bar. */
  align?: 'start' | 'end';
  placement?: 'below' | 'above';
  /** Classes of the bell button (it is a square icon button by default). */
  className?: string;
};

const badgeText = (count: number) => (count > 99 ? '99+' : String(count));

/**
 * The bell: a button with the unread count, opening a panel of your @mentions (who, when, a link to
 * the conversation). Opening one marks it read; "Mark all read" clears the count. Escape, a click
 * outside or tabbing away closes the panel.
 */
export function NotificationsBell({ media, ...props }: Props) {
  const matches = useMediaQuery(media);
  return matches ? <BellWithPanel {...props} /> : null;
}

function BellWithPanel({ align = 'end', placement = 'below', className = '' }: Omit<Props, 'media'>) {
  const { query, items, unread, markRead, markAllRead } = useNotifications();
  const [isOpen, setIsOpen] = useState(false);
  const containerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const headingId = useId();

  const close = useCallback((returnFocus: boolean) => {
    setIsOpen(false);
    if (returnFocus) {
      buttonRef.current?.focus();
    }
  }, []);

  useEffect(() => {
    if (!isOpen) {
      return;
    }
    const isOutside = (target: EventTarget | null) => !containerRef.current?.contains(target as Node);
    const onPointerDown = (event: PointerEvent) => {
      if (isOutside(event.target)) {
        close(false);
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        // Handled: other Escape handlers (the inbox's keyboard layer) leave it alone.
        event.preventDefault();
        close(true);
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (isOutside(event.target)) {
        close(false);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    // Capture: Escape reaches this before the inbox's keyboard layer (which skips handled keys).
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [isOpen, close]);

  // Opening the panel refreshes the list (polling may be up to 30 s behind).
  const { refetch } = query;
  useEffect(() => {
    if (isOpen) {
      void refetch();
    }
  }, [isOpen, refetch]);

  const label = unread > 0 ? `Notifications, ${unread} unread` : 'Notifications';

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-expanded={isOpen}
        aria-controls={isOpen ? panelId : undefined}
        title="Notifications"
        onClick={() => setIsOpen((open) => !open)}
        className={`relative flex size-8 items-center justify-center rounded-control text-fg-muted transition-colors hover:bg-surface-hover hover:text-fg ${
          isOpen ? 'bg-surface-hover text-fg' : ''
        } ${className}`}
      >
        <Bell aria-hidden className="size-[1.125rem]" />
        {unread > 0 ? (
          <span
            aria-hidden
            className="absolute -top-0.5 -right-0.5 flex h-4 min-w-4 items-center justify-center rounded-full bg-danger px-1 font-semibold text-[0.625rem] text-white tabular-nums leading-none ring-2 ring-canvas"
          >
            {badgeText(unread)}
          </span>
        ) : null}
      </button>
      {/* Announces new mentions that arrive while the page is open. */}
      <span aria-live="polite" className="sr-only">
        {unread > 0 ? `${unread} unread ${unread === 1 ? 'notification' : 'notifications'}` : ''}
      </span>
      {isOpen ? (
        <section
          id={panelId}
          aria-labelledby={headingId}
          className={`absolute z-40 flex max-h-[min(32rem,calc(100dvh-5rem))] w-[min(22rem,calc(100vw-1rem))] animate-fade-in flex-col overflow-hidden rounded-card border border-line bg-surface text-sm shadow-popover ${
            align === 'end' ? 'right-0' : 'left-0'
          } ${placement === 'below' ? 'top-full mt-1.5' : 'bottom-full mb-1.5'}`}
        >
          <div className="flex items-center justify-between gap-2 border-line border-b px-3.5 py-2.5">
            <h2 id={headingId} className="font-semibold text-fg">
              Notifications
            </h2>
            <Button
              size="sm"
              variant="ghost"
              icon={CheckCheck}
              disabled={unread === 0}
              isPending={markAllRead.isPending}
              onClick={() => markAllRead.mutate()}
            >
              Mark all read
            </Button>
          </div>
          {markAllRead.isError || markRead.isError ? (
            <Alert className="m-2">{errorMessage(markAllRead.error ?? markRead.error)}</Alert>
          ) : null}
          <div className="min-h-0 flex-1 overflow-y-auto">
            {query.isPending ? (
              <p role="status" className="flex items-center justify-center gap-2 px-4 py-8 text-fg-muted">
                <Spinner />
                Loading notifications…
              </p>
            ) : query.isError && items.length === 0 ? (
              <ErrorState error={query.error} onRetry={() => void query.refetch()} />
            ) : items.length === 0 ? (
              <div className="flex flex-col items-center px-6 py-8 text-center">
                <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-surface-muted text-fg-subtle">
                  <AtSign aria-hidden className="size-5" />
                </div>
                <p className="font-medium text-fg">No mentions yet</p>
                <p className="mt-1 text-fg-muted text-[0.8125rem]">
                  When a teammate @mentions you in a private note, it shows up here.
                </p>
              </div>
            ) : (
              <ul aria-labelledby={headingId} className="divide-y divide-line">
                {items.map((notification) => (
                  <NotificationItem
                    key={notification.id}
                    notification={notification}
                    onOpen={() => {
                      if (!notification.readAt) {
                        markRead.mutate(notification.id);
                      }
                      close(false);
                    }}
                  />
                ))}
              </ul>
            )}
            {query.hasNextPage ? (
              <div className="border-line border-t px-3 py-2">
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => void query.fetchNextPage()}
                  isPending={query.isFetchingNextPage}
                >
                  Show older
                </Button>
              </div>
            ) : null}
          </div>
        </section>
      ) : null}
    </div>
  );
}

function NotificationItem({ notification, onOpen }: { notification: Notification; onOpen: () => void }) {
  const client = useQueryClient();
  const relative = useRelativeTime();
  const formatDate = useDateFormat();
  const actor = notification.actor?.name || 'A teammate';
  const isUnread = notification.readAt === null;
  // The conversation's contact, when the conversation is already loaded (the list, an open view).
  const conversation = findCachedConversation(client, notification.conversationId);
  const where = conversation
    ? `the conversation with ${contactName(conversation)}`
    : `conversation #${shortId(notification.conversationId)}`;

  return (
    <li>
      <Link
        to="/conversations/$conversationId"
        params={{ conversationId: notification.conversationId }}
        onClick={onOpen}
        className={`flex items-start gap-3 px-3.5 py-3 transition-colors hover:bg-surface-hover focus-visible:-outline-offset-2 ${
          isUnread ? 'bg-accent-soft/40' : ''
        }`}
      >
        <Avatar name={actor} size="md" />
        <span className="min-w-0 flex-1">
          <span className="block text-[0.8125rem] text-fg">
            <span className="font-medium">{actor}</span> mentioned you in {where}
          </span>
          <time
            dateTime={notification.createdAt}
            title={formatDate(notification.createdAt)}
            className="mt-0.5 block text-fg-subtle text-xs"
          >
            {relative(notification.createdAt)}
          </time>
        </span>
        {isUnread ? (
          <span className="mt-1.5 flex shrink-0 items-center">
            <span aria-hidden className="size-2 rounded-full bg-accent" />
            <span className="sr-only">Unread</span>
          </span>
        ) : null}
      </Link>
    </li>
  );
}
