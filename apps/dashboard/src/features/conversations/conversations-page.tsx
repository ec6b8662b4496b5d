import { Link } from '@tanstack/react-router';
import { Inbox, MessagesSquare } from 'lucide-react';
import type { ReactNode } from 'react';
import { useHasAnyConversation } from '../../api/conversations';
import type { ConversationFilter, Session } from '../../api/types';
import { buttonClass } from '../../components/button';
import { EmptyState } from '../../components/states';
import { ConversationList } from './conversation-list';

type Props = {
  session: Session;
  filter: ConversationFilter;
  selectedId: string | null;
  /** The open conversation, or the "choose one" placeholder. */
  children: ReactNode;
};

/** Two panes: the conversation list on the left, the open conversation on the right. */
export function ConversationsPage({ session, filter, selectedId, children }: Props) {
  return (
    <div className="flex h-full min-h-0">
      {/* An open conversation names the tab itself. */}
      {selectedId ? null : <title>Conversations · Parley</title>}
      <h1 className="sr-only">Conversations</h1>
      <ConversationList session={session} filter={filter} selectedId={selectedId} />
      <div className="flex min-w-0 flex-1 flex-col">{children}</div>
    </div>
  );
}

/** The right pane with nothing open: how to get started, or which conversation to pick. */
export function NoConversationSelected({ session }: { session: Session }) {
  const anyConversation = useHasAnyConversation(true);
  const canManage = session.role === 'owner' || session.role === 'admin';

  if (anyConversation.isPending) {
    return <div className="h-full bg-canvas" />;
  }
  if (anyConversation.data === false) {
    return (
      <div className="flex h-full items-center justify-center bg-canvas">
        <EmptyState
          icon={MessagesSquare}
          title="No conversations yet"
          description={
            canManage
              ? 'Install the widget from Settings → Inboxes: create an inbox, paste its snippet into your website, and visitors’ chats arrive here as they happen.'
              : 'Ask an owner or admin to install the widget from Settings → Inboxes on your website.'
          }
          action={
            canManage ? (
              <Link to="/settings/inboxes" className={buttonClass('primary', 'lg')}>
                <Inbox aria-hidden className="size-4" />
                Set up an inbox
              </Link>
            ) : null
          }
          className="max-w-md"
        />
      </div>
    );
  }
  return (
    <EmptyState
      icon={MessagesSquare}
      title="Choose a conversation"
      description="Pick a conversation on the left to read it and reply to the visitor."
      className="h-full bg-canvas"
    />
  );
}
