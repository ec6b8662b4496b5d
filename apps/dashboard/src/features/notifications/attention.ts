import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { getConversation } from '../../api/conversations';
import { type AttentionEvent, subscribeToAttention } from '../../api/realtime';
import type { Conversation, Session } from '../../api/types';
import { contactName, messagePreview } from '../conversations/format';
import { canNotify } from './browser-notifications';
import { setTitleCount } from './title-badge';

// Getting the agent's attention while Parley is in a background tab. What counts: a visitor's new
// message in a conversation assigned to the agent or to nobody (not teammates' conversations, not
// replies or notes), and the agent's own notifications (@mentions). Each one adds to a count in the
// tab's title ("(3) Parley") until the tab is shown again, and shows a browser notification; both
// follow the agent's preferences (Profile → Notifications). Clicking a notification brings the tab
// forward on that conversation.

type Alert = { title: string; body: string; conversationId: string; tag: string };

const isInBackground = () => document.visibilityState !== 'visible';

function isForMe(conversation: Conversation, userId: string): boolean {
  return conversation.assignee === null || conversation.assignee.id === userId;
}

/** Call once, in the app shell. */
export function useAttention(session: Session | undefined): void {
  const client = useQueryClient();
  const navigate = useNavigate();
  const userId = session?.user.id ?? null;
  const hasWorkspace = Boolean(session?.workspace);
  const preferences = session?.user.preferences;
  const preferencesRef = useRef(preferences);
  const unseenRef = useRef(0);

  useEffect(() => {
    preferencesRef.current = preferences;
    // Turning the title count off clears it at once.
    setTitleCount(preferences?.titleBadge ? unseenRef.current : 0);
  }, [preferences]);

  useEffect(() => {
    if (!userId || !hasWorkspace) {
      return;
    }
    const showCount = () => setTitleCount(preferencesRef.current?.titleBadge ? unseenRef.current : 0);

    const raise = (alert: Alert) => {
      if (!isInBackground()) {
        return;
      }
      unseenRef.current += 1;
      showCount();
      if (!preferencesRef.current?.browserNotifications || !canNotify()) {
        return;
      }
      // One notification per conversation: a newer one replaces it rather than piling up.
      const notification = new Notification(alert.title, { body: alert.body, tag: alert.tag });
      notification.addEventListener('click', () => {
        window.focus();
        void navigate({
          to: '/conversations/$conversationId',
          params: { conversationId: alert.conversationId },
        });
        notification.close();
      });
    };

    const onEvent = (event: AttentionEvent) => {
      if (!isInBackground()) {
        return;
      }
      if (event.type === 'message.created' && event.data.kind !== 'incoming') {
        return;
      }
      if (event.type === 'notification.created' && event.data.userId !== userId) {
        return;
      }
      getConversation(client, event.data.conversationId).then(
        (conversation) => {
          if (event.type === 'notification.created') {
            raise({
              title: `${event.data.actor?.name || 'A teammate'} mentioned you`,
              body: `In a note on the conversation with ${contactName(conversation)}`,
              conversationId: conversation.id,
              tag: `mention:${event.data.id}`,
            });
          } else if (isForMe(conversation, userId)) {
            raise({
              title: `New message from ${contactName(conversation)}`,
              body: messagePreview(event.data).slice(0, 200),
              conversationId: conversation.id,
              tag: `conversation:${conversation.id}`,
            });
          }
        },
        (error: unknown) => console.warn('Could not load the conversation of a new message', error),
      );
    };

    const onVisibilityChange = () => {
      if (!isInBackground()) {
        unseenRef.current = 0;
        showCount();
      }
    };

    const unsubscribe = subscribeToAttention(onEvent);
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      unsubscribe();
      document.removeEventListener('visibilitychange', onVisibilityChange);
      unseenRef.current = 0;
      setTitleCount(0);
    };
  }, [client, navigate, userId, hasWorkspace]);
}
