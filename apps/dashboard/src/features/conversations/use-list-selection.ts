import { useEffect, useRef, useState } from 'react';
import type { Conversation } from '../../api/types';

/**
 * The conversations checked for bulk actions: one at a time, or a range with Shift from the last one
 * toggled. Another view or filter (`listKey`) is another queue, so the selection does not follow.
 */
export function useListSelection(rows: Conversation[], listKey: string) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const anchorId = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the list changes
  useEffect(() => {
    setSelected(new Set());
    anchorId.current = null;
  }, [listKey]);

  const toggle = (conversationId: string, isRange: boolean) => {
    const isSelecting = !selected.has(conversationId);
    const next = new Set(selected);
    const anchorIndex = anchorId.current ? rows.findIndex((row) => row.id === anchorId.current) : -1;
    const index = rows.findIndex((row) => row.id === conversationId);
    if (isRange && anchorIndex !== -1 && index !== -1) {
      const [from, to] = anchorIndex < index ? [anchorIndex, index] : [index, anchorIndex];
      for (const row of rows.slice(from, to + 1)) {
        if (isSelecting) {
          next.add(row.id);
        } else {
          next.delete(row.id);
        }
      }
    } else if (isSelecting) {
      next.add(conversationId);
    } else {
      next.delete(conversationId);
    }
    anchorId.current = conversationId;
    setSelected(next);
  };

  return {
    /** The checked conversations among the rows shown, in list order. */
    selectedIds: rows.filter((row) => selected.has(row.id)).map((row) => row.id),
    isSelected: (conversationId: string) => selected.has(conversationId),
    toggle,
    /** Keeps exactly these checked (all rows, none, or the ones a bulk action could not change). */
    replace: (ids: readonly string[]) => setSelected(new Set(ids)),
  };
}
