import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Attachment, Message } from '../shared/types.ts';
import { formatSize, formatTime, initial, linkify } from './format.ts';
import { Icon } from './icons.tsx';
import { OfflineNotice } from './offline-notice.tsx';
import type { ChatState, ChatStore, OutboxItem } from './store.ts';

type Row = { message: Message; outbox: OutboxItem | null };

const GROUP_GAP_MS = 5 * 60 * 1000;
/** A visitor's own messages are never `pending` (only a channel's replies wait for sending). */
const STATUS_LABELS: Partial<Record<Message['status'], string>> = {
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not delivered',
};

/** Consecutive messages from one sender within five minutes share a name and a time. */
function isSameGroup(a: Message | undefined, b: Message | undefined): boolean {
  return (
    !!a &&
    !!b &&
    a.kind === b.kind &&
    a.kind !== 'activity' &&
    a.sender.name === b.sender.name &&
    Math.abs(Date.parse(b.createdAt) - Date.parse(a.createdAt)) < GROUP_GAP_MS
  );
}

function outboxMessage(item: OutboxItem): Message {
  return {
    id: item.localId,
    conversationId: '',
    kind: 'incoming',
    text: item.text,
    sender: { type: 'contact', name: null, avatarUrl: null },
    status: 'sent',
    attachments: item.attachments,
    createdAt: item.createdAt,
  };
}

export function MessageList({ store, state }: { store: ChatStore; state: ChatState }) {
  const scroller = useRef<HTMLDivElement>(null);
  const isAtBottom = useRef(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const outboxCount = useRef(0);

  const rows: Row[] = [
    ...state.messages.map((message) => ({ message, outbox: null })),
    ...state.outbox.map((item) => ({ message: outboxMessage(item), outbox: item })),
  ];
  let lastOwn = -1;
  state.messages.forEach((m, i) => {
    if (m.kind === 'incoming') {
      lastOwn = i;
    }
  });

  // Keep the view on the newest message unless the visitor scrolled up; keep it still when older
  // messages are added above.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) {
      return;
    }
    if (state.outbox.length > outboxCount.current) {
      isAtBottom.current = true;
    }
    outboxCount.current = state.outbox.length;
    if (anchor.current && !state.isLoadingOlder) {
      el.scrollTop = anchor.current.top + el.scrollHeight - anchor.current.height;
      anchor.current = null;
    } else if (isAtBottom.current && !anchor.current) {
      el.scrollTop = el.scrollHeight;
    }
  });

  // The list shrinks when the composer grows (a draft, an error, attachments) or the window resizes:
  // keep the newest message in view.
  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => {
      if (isAtBottom.current && !anchor.current) {
        el.scrollTop = el.scrollHeight;
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  function loadOlder() {
    const el = scroller.current;
    if (el && state.hasMore && !state.isLoadingOlder) {
      anchor.current = { height: el.scrollHeight, top: el.scrollTop };
      void store.loadOlder();
    }
  }

  function onScroll() {
    const el = scroller.current;
    if (!el || el.clientHeight === 0) {
      return;
    }
    isAtBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    if (el.scrollTop < 80) {
      loadOlder();
    }
  }

  const onMediaLoad = () => {
    if (isAtBottom.current && scroller.current) {
      scroller.current.scrollTop = scroller.current.scrollHeight;
    }
  };

  const isEmpty = rows.length === 0 && state.loadState === 'idle';
  return (
    <div class="body" ref={scroller} onScroll={onScroll}>
      {state.hasMore && (
        <button type="button" class="older" onClick={loadOlder} disabled={state.isLoadingOlder}>
          {state.isLoadingOlder ? 'Loading older messages…' : 'Load older messages'}
        </button>
      )}
      {state.loadState === 'loading' && (
        <p class="center muted" role="status">
          Loading the conversation…
        </p>
      )}
      {state.loadState === 'error' && (
        <div class="center">
          <p>We couldn’t load the conversation.</p>
          <button type="button" class="secondary" onClick={() => void store.refresh()}>
            Try again
          </button>
        </div>
      )}
      {isEmpty && (
        <div class="empty">
          <p class="empty-title">Ask us anything</p>
          <p class="muted">Send a message and the team will reply here.</p>
        </div>
      )}
      <ol class="msgs" aria-label="Messages">
        {rows.map((row, i) => {
          const message = row.message;
          const isLast = !isSameGroup(message, rows[i + 1]?.message);
          return (
            <MessageRow
              key={message.id}
              store={store}
              state={state}
              row={row}
              isFirst={!isSameGroup(rows[i - 1]?.message, message)}
              hasMeta={isLast || i === lastOwn || !!row.outbox}
              status={i === lastOwn && state.outbox.length === 0 ? STATUS_LABELS[message.status] : null}
              onMediaLoad={onMediaLoad}
            />
          );
        })}
      </ol>
      {state.typing && (
        <p class="typing">
          <span class="dots" aria-hidden="true">
            <i />
            <i />
            <i />
          </span>
          {state.typing.name || 'Someone'} is typing…
        </p>
      )}
      {!state.inbox.isOnline && <OfflineNotice store={store} state={state} />}
    </div>
  );
}

type RowProps = {
  store: ChatStore;
  state: ChatState;
  row: Row;
  isFirst: boolean;
  hasMeta: boolean;
  status: string | null | undefined;
  onMediaLoad: () => void;
};

function MessageRow({ store, state, row, isFirst, hasMeta, status, onMediaLoad }: RowProps) {
  const { message, outbox } = row;
  const time = (
    <time dateTime={message.createdAt} title={new Date(message.createdAt).toLocaleString()}>
      {formatTime(message.createdAt)}
    </time>
  );
  if (message.kind === 'activity') {
    return (
      <li class="activity">
        {message.text} · {time}
      </li>
    );
  }
  const isMine = message.kind === 'incoming';
  const name = isMine ? 'You' : message.sender.name || state.inbox.name;
  const avatarUrl = message.sender.avatarUrl && store.resolveUrl(message.sender.avatarUrl);
  return (
    <li class={`row ${isMine ? 'mine' : 'team'}${isFirst ? ' first' : ''}`}>
      {!isMine && (
        <span class="av" aria-hidden="true">
          {isFirst && (avatarUrl ? <img src={avatarUrl} alt="" /> : initial(name))}
        </span>
      )}
      <div class="stack">
        {!isMine && isFirst && <p class="name">{name}</p>}
        <div class="bubble">
          {(isMine || !isFirst) && <span class="sr-only">{name}: </span>}
          {message.text && (
            <p class="text">
              {linkify(message.text).map((part, i) =>
                typeof part === 'string' ? (
                  part
                ) : (
                  <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
                    {part.href}
                  </a>
                ),
              )}
            </p>
          )}
          {message.attachments.map((a) => (
            <AttachmentView key={a.id} attachment={a} url={store.resolveUrl(a.url)} onLoad={onMediaLoad} />
          ))}
        </div>
        {hasMeta && (
          <p class="meta">
            {time}
            {outbox?.state === 'sending' && ' · Sending…'}
            {status && ` · ${status}`}
            {outbox?.state === 'failed' && (
              <>
                {' · '}
                <span class="error-text">Not sent{outbox.error ? `: ${outbox.error}` : ''}</span>{' '}
                <button type="button" class="link" onClick={() => store.retry(outbox.localId)}>
                  Retry
                </button>
              </>
            )}
          </p>
        )}
      </div>
    </li>
  );
}

function AttachmentView({
  attachment,
  url,
  onLoad,
}: {
  attachment: Attachment;
  url: string;
  onLoad: () => void;
}) {
  if (attachment.isImage) {
    return (
      <a class="image" href={url} target="_blank" rel="noopener noreferrer">
        <img src={url} alt={attachment.filename} onLoad={onLoad} />
      </a>
    );
  }
  return (
    <a class="file" href={url} target="_blank" rel="noopener noreferrer" download={attachment.filename}>
      <Icon name="file" />
      <span class="file-name">{attachment.filename}</span>
      <span class="file-size">{formatSize(attachment.size)}</span>
    </a>
  );
}
