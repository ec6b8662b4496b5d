import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Conversation } from '../../api/types';
import { rowLinkId } from './conversation-row';

type Options = {
  rows: Conversation[];
  /** The open conversation: the cursor starts there and follows it. */
  selectedId: string | null;
  /** Asked for when the cursor moves past the last loaded row. */
  loadMore: () => void;
};

/**
 * The list's keyboard cursor: a row the agent moves with j/k, distinct from the open conversation.
 * When the row under it leaves the list (resolved, reassigned), the cursor keeps its place, and focus
 * moves to the row that took it instead of falling to the page.
 */
export function useListCursor({ rows, selectedId, loadMore }: Options) {
  const [cursorId, setCursorId] = useState<string | null>(selectedId);
  const lastCursorIndex = useRef(0);
  useEffect(() => {
    if (selectedId) {
      setCursorId(selectedId);
    }
  }, [selectedId]);
  let cursorIndex = cursorId ? rows.findIndex((row) => row.id === cursorId) : -1;
  if (cursorIndex === -1 && cursorId && rows.length > 0) {
    cursorIndex = Math.min(lastCursorIndex.current, rows.length - 1);
  }
  const cursorRow = rows[cursorIndex];
  useEffect(() => {
    if (cursorIndex >= 0) {
      lastCursorIndex.current = cursorIndex;
    }
  }, [cursorIndex]);

  const hadRowFocus = useRef(false);
  const cursorRowId = cursorRow?.id;
  useLayoutEffect(() => {
    if (hadRowFocus.current && document.activeElement === document.body && cursorRowId) {
      document.getElementById(rowLinkId(cursorRowId))?.focus({ preventScroll: true });
    }
  });

  const focusRow = (row: Conversation | undefined) => {
    if (!row) {
      return;
    }
    setCursorId(row.id);
    const link = document.getElementById(rowLinkId(row.id));
    link?.focus();
    link?.scrollIntoView({ block: 'nearest' });
  };

  const moveCursor = (step: 1 | -1) => {
    if (rows.length === 0) {
      return;
    }
    const from = cursorRow ? cursorIndex : -1;
    const next = from === -1 ? (step === 1 ? 0 : rows.length - 1) : from + step;
    if (next >= rows.length) {
      loadMore();
    }
    focusRow(rows[Math.max(0, Math.min(rows.length - 1, next))]);
  };

  return {
    cursorRow,
    focusRow,
    moveCursor,
    /** A row took focus: the cursor goes there. */
    onRowFocus: (conversationId: string) => {
      hadRowFocus.current = true;
      setCursorId(conversationId);
    },
    /** Focus moved somewhere else on purpose (`hasTarget`), not lost with a removed row. */
    onRowBlur: (hasTarget: boolean) => {
      if (hasTarget) {
        hadRowFocus.current = false;
      }
    },
  };
}
