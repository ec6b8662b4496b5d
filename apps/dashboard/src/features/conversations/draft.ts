import type { Attachment } from '../../api/types';

// What an agent was writing in a conversation, kept for the tab's session so switching to another
// conversation and back finds it again (sessionStorage: gone when the tab closes, never shared).

export type Draft = { text: string; mode: 'reply' | 'note'; attachments: Attachment[] };

const keyOf = (conversationId: string) => `parley:draft:${conversationId}`;

export function loadDraft(conversationId: string): Draft | null {
  try {
    const raw = window.sessionStorage.getItem(keyOf(conversationId));
    if (!raw) {
      return null;
    }
    const draft = JSON.parse(raw) as Partial<Draft>;
    return {
      text: typeof draft.text === 'string' ? draft.text : '',
      mode: draft.mode === 'note' ? 'note' : 'reply',
      attachments: Array.isArray(draft.attachments) ? draft.attachments : [],
    };
  } catch {
    return null;
  }
}

export function saveDraft(conversationId: string, draft: Draft): void {
  try {
    // An empty composer is no draft (its mode included: the next visit starts with a reply).
    if (draft.text.trim() === '' && draft.attachments.length === 0) {
      window.sessionStorage.removeItem(keyOf(conversationId));
    } else {
      window.sessionStorage.setItem(keyOf(conversationId), JSON.stringify(draft));
    }
  } catch {
    // Storage full or disabled: the draft lives as long as the screen, which is the old behaviour.
  }
}
