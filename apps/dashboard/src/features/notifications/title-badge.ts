// A count before the tab's title, "(3) Conversations · Parley". Pages set the title themselves (React
// <title> elements), so the count is put in front of whatever title is showing, and again each time a
// page changes it, until the count goes back to zero.

const COUNT_PREFIX = /^\(\d+\+?\) /;

let count = 0;
let observer: MutationObserver | null = null;

function apply() {
  // The element whose text is document.title.
  const title = document.querySelector('title');
  if (!title) {
    return;
  }
  const text = title.textContent ?? '';
  const base = text.replace(COUNT_PREFIX, '');
  const next = count > 0 ? `(${count > 99 ? '99+' : count}) ${base}` : base;
  if (text === next) {
    return;
  }
  // The text node is changed in place, so the page that rendered the title can still update it.
  const node = title.firstChild;
  if (node instanceof Text && title.childNodes.length === 1) {
    node.data = next;
  } else {
    title.textContent = next;
  }
}

/** Shows `value` before the tab's title (nothing for zero). */
export function setTitleCount(value: number): void {
  count = Math.max(0, value);
  apply();
  if (count > 0 && !observer) {
    observer = new MutationObserver(apply);
    observer.observe(document.head, { childList: true, subtree: true, characterData: true });
  } else if (count === 0 && observer) {
    observer.disconnect();
    observer = null;
  }
}
