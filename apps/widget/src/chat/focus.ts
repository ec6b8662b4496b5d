const FOCUSABLE =
  'a[href],button:not([disabled]),textarea:not([disabled]),input:not([disabled]):not([type="hidden"]):not([type="file"]),select:not([disabled]),[tabindex]:not([tabindex="-1"])';

function focusables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.getClientRects().length > 0,
  );
}

/** Keeps Tab and Shift+Tab inside the container (the focus lives in a shadow root). */
export function trapTab(event: KeyboardEvent, container: HTMLElement) {
  const items = focusables(container);
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    return;
  }
  const active = (container.getRootNode() as ShadowRoot).activeElement;
  const isInside = !!active && container.contains(active);
  if (event.shiftKey && (active === first || !isInside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !isInside)) {
    event.preventDefault();
    first.focus();
  }
}

/** Focuses the element marked `data-autofocus`, else the first focusable one. */
export function focusFirst(container: HTMLElement) {
  (container.querySelector<HTMLElement>('[data-autofocus]') ?? focusables(container)[0])?.focus();
}
