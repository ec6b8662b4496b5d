import { PanelRight, X } from 'lucide-react';
import { type KeyboardEvent, type RefObject, useId, useRef, useState } from 'react';
import { buttonClass } from '../../components/button';
import { useMediaQuery } from '../../lib/use-media-query';
import { ContactPanel } from '../contacts/contact-panel';

// The contact beside the conversation. From 75rem (1200 px: a laptop) the sidebar, the list, the
// conversation and the panel fit side by side (the list and the panel narrow to 18rem below 2xl), so
// it is docked, shown unless the agent hid it, and never covers the messages or the composer.
// Narrower (a small laptop, a tablet, a phone) it opens over the conversation's right side from the
// header's toggle or `i`, and Escape closes it. The choice is kept per browser.

const STORAGE_KEY = 'parley.contact-panel';
const WIDE_ENOUGH_TO_DOCK = '(min-width: 75rem)';

function storedChoice(): boolean | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'open' ? true : value === 'closed' ? false : null;
  } catch {
    return null;
  }
}

function storeChoice(isOpen: boolean): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, isOpen ? 'open' : 'closed');
  } catch {
    // Not kept across reloads, but still applied.
  }
}

export type ContactDrawerState = {
  isOpen: boolean;
  /** Over the conversation (narrow screens) rather than docked beside it. */
  isOverlay: boolean;
  panelId: string;
  toggleRef: RefObject<HTMLButtonElement | null>;
  closeRef: RefObject<HTMLButtonElement | null>;
  toggle: () => void;
  close: () => void;
};

/** Whether the contact panel shows, and the focus moves that go with opening and closing it. */
export function useContactDrawer(): ContactDrawerState {
  const isWide = useMediaQuery(WIDE_ENOUGH_TO_DOCK);
  const [choice, setChoice] = useState<boolean | null>(storedChoice);
  const isOpen = choice ?? isWide;
  const panelId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  const choose = (next: boolean) => {
    setChoice(next);
    storeChoice(next);
  };
  const close = () => {
    choose(false);
    toggleRef.current?.focus();
  };
  const open = () => {
    choose(true);
    // Into the panel once it is on screen, so the keyboard and screen readers land where it opened.
    window.requestAnimationFrame(() => closeRef.current?.focus());
  };
  return {
    isOpen,
    isOverlay: !isWide,
    panelId,
    toggleRef,
    closeRef,
    toggle: () => (isOpen ? close() : open()),
    close,
  };
}

/** The header's button that shows or hides the contact's details. */
export function ContactDrawerToggle({ drawer }: { drawer: ContactDrawerState }) {
  return (
    <button
      ref={drawer.toggleRef}
      type="button"
      className={buttonClass(drawer.isOpen ? 'secondary' : 'ghost', 'md', 'px-2')}
      aria-label="Contact details"
      title={`${drawer.isOpen ? 'Hide' : 'Show'} the contact’s details (I)`}
      aria-expanded={drawer.isOpen}
      aria-controls={drawer.panelId}
      aria-keyshortcuts="i"
      onClick={drawer.toggle}
    >
      <PanelRight aria-hidden className="size-4" />
    </button>
  );
}

/** The contact panel, docked on wide screens or as a drawer over the conversation. */
export function ContactDrawer({
  drawer,
  contactId,
  conversationId,
}: {
  drawer: ContactDrawerState;
  contactId: string;
  conversationId: string;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    // Escape closes the drawer unless something inside (an editor, a picker) used it first.
    if (
      event.key === 'Escape' &&
      drawer.isOverlay &&
      !event.defaultPrevented &&
      !document.querySelector('dialog[open]')
    ) {
      event.preventDefault();
      drawer.close();
    }
  };
  const placement = drawer.isOverlay
    ? 'absolute inset-y-0 right-0 z-40 w-[22rem] max-w-full animate-fade-in shadow-popover max-md:w-full max-md:border-l-0'
    : 'w-72 shrink-0 2xl:w-80';

  if (!drawer.isOpen) {
    // Kept in the page, empty, so the toggle's aria-controls always names an element.
    return <div id={drawer.panelId} hidden />;
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape from anywhere inside closes the drawer
    <div
      id={drawer.panelId}
      onKeyDown={onKeyDown}
      className={`flex min-h-0 flex-col border-line border-l bg-surface ${placement}`}
    >
      <div className="flex h-11 shrink-0 items-center justify-between gap-2 border-line border-b pr-2 pl-4">
        <p className="font-medium text-fg-muted text-xs">Contact details</p>
        <button
          ref={drawer.closeRef}
          type="button"
          className={buttonClass('ghost', 'sm', 'px-1.5')}
          aria-label="Close contact details"
          title={drawer.isOverlay ? 'Close (Esc)' : 'Hide (I)'}
          onClick={drawer.close}
        >
          <X aria-hidden className="size-3.5" />
        </button>
      </div>
      <ContactPanel contactId={contactId} conversationId={conversationId} className="flex-1" />
    </div>
  );
}
