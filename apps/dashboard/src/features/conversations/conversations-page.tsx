import { Link } from '@tanstack/react-router';
import { Inbox, Keyboard, MessagesSquare } from 'lucide-react';
import { type ReactNode, useState } from 'react';
import { useHasAnyConversation } from '../../api/conversations';
import type { Session } from '../../api/types';
import { buttonClass } from '../../components/button';
import { Kbd } from '../../components/kbd';
import { EmptyState } from '../../components/states';
import { ConversationList } from './conversation-list';
import { KeyboardShortcuts, ShortcutsDialog, useShortcuts } from './keyboard';
import type { ConversationListSearch } from './list-search';
import type { ListChange } from './list-toolbar';

type Props = {
  session: Session;
  search: ConversationListSearch;
  selectedId: string | null;
  onChange: ListChange;
  onOpen: (conversationId: string) => void;
  /** The open conversation, or the "choose one" placeholder. */
  children: ReactNode;
};

/**
 * Two panes: the conversation list on the left, the open conversation on the right, sharing one
 * keyboard layer. On a phone-sized screen one pane shows at a time: the list, or the conversation.
 */
export function ConversationsPage(props: Props) {
  return (
    <KeyboardShortcuts>
      <ConversationPanes {...props} />
    </KeyboardShortcuts>
  );
}

function ConversationPanes({ session, search, selectedId, onChange, onOpen, children }: Props) {
  const [isHelpOpen, setIsHelpOpen] = useState(false);
  useShortcuts({
    '?': () => {
      setIsHelpOpen(true);
      return true;
    },
  });

  return (
    <div className="flex h-full min-h-0">
      {/* An open conversation names the tab itself. */}
      {selectedId ? null : <title>Conversations · Parley</title>}
      <h1 className="sr-only">Conversations</h1>
      <ConversationList
        session={session}
        search={search}
        selectedId={selectedId}
        onChange={onChange}
        onOpen={onOpen}
        // 18rem until 2xl, so a docked contact panel fits beside the conversation on a laptop.
        className={`w-full md:w-72 2xl:w-80 ${selectedId ? 'max-md:hidden' : ''}`}
        footer={
          <button
            type="button"
            onClick={() => setIsHelpOpen(true)}
            aria-keyshortcuts="?"
            className="flex w-full items-center gap-1.5 px-3 py-2 text-fg-muted text-xs hover:bg-surface-hover hover:text-fg max-md:hidden"
          >
            <Keyboard aria-hidden className="size-3.5" />
            Keyboard shortcuts
            <Kbd className="ml-auto">?</Kbd>
          </button>
        }
      />
      <div className={`min-w-0 flex-1 flex-col ${selectedId ? 'flex' : 'hidden md:flex'}`}>{children}</div>
      <ShortcutsDialog isOpen={isHelpOpen} onClose={() => setIsHelpOpen(false)} />
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
      description="Pick a conversation on the left to read it and reply to the visitor, or press j and Enter. Press ? for every keyboard shortcut."
      className="h-full bg-canvas"
    />
  );
}
