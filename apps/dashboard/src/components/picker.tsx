import { Check, Search } from 'lucide-react';
import {
  Fragment,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Spinner } from './states';

export type PickerOption = {
  id: string;
  label: string;
  /** Muted text after the label: a count, a time, an email. */
  detail?: ReactNode;
  /** More words the search matches (an email, a description). */
  keywords?: string;
  /** Drawn before the label (a colour dot, an avatar, an icon); always decorative. */
  icon?: ReactNode;
  /** Options of one group follow each other; a group gets a small heading. */
  group?: string;
  /** Marked with a check: the current value, or each chosen label of a multiple picker. */
  isSelected?: boolean;
  isDisabled?: boolean;
  /** Choosing it leaves the picker open (e.g. "Custom date…" reveals a form below). */
  keepsOpen?: boolean;
};

type PickerProps = {
  isOpen: boolean;
  onOpenChange: (isOpen: boolean) => void;
  /** What the trigger button shows. */
  trigger: ReactNode;
  /** The trigger's accessible name, when its content alone would not say what it does. */
  triggerLabel?: string;
  triggerClassName?: string;
  /** The key that opens it from anywhere (shown as a hint and exposed as aria-keyshortcuts). */
  shortcut?: string;
  /** Names the list of options (and the search field). */
  title: string;
  options: PickerOption[];
  onSelect: (option: PickerOption) => void;
  /** Several options can be chosen; the picker stays open while they are toggled. */
  isMultiple?: boolean;
  /** Shows a search field that filters the options as the person types. */
  searchPlaceholder?: string;
  emptyText?: string;
  isLoading?: boolean;
  /** Extra content under the options (a form that an option reveals). */
  footer?: ReactNode;
  align?: 'start' | 'end';
  placement?: 'below' | 'above';
  panelClassName?: string;
  disabled?: boolean;
  testId?: string;
  /** Where the highlight starts: on the current value (a status, a priority) or on the first option. */
  startAt?: 'selected' | 'first';
};

function matches(option: PickerOption, query: string): boolean {
  if (!query) {
    return true;
  }
  const haystack = `${option.label} ${option.keywords ?? ''}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

/**
 * A button that opens a list of options to choose from, entirely by keyboard: ↑/↓ (Home/End) move,
 * Enter chooses, Escape closes, typing searches (combobox with aria-activedescendant) when the
 * picker has a search field; without one the list itself takes focus (listbox, same keys). Focus
 * goes back to where it was before opening, so a shortcut-opened picker returns the agent to the list.
 */
export function Picker({
  isOpen,
  onOpenChange,
  trigger,
  triggerLabel,
  triggerClassName = '',
  shortcut,
  title,
  options,
  onSelect,
  isMultiple = false,
  searchPlaceholder,
  emptyText = 'Nothing matches',
  isLoading = false,
  footer,
  align = 'start',
  placement = 'below',
  panelClassName = '',
  disabled = false,
  testId,
  startAt = 'selected',
}: PickerProps) {
  const [query, setQuery] = useState('');
  const [activeIndex, setActiveIndex] = useState(0);
  const containerRef = useRef<HTMLDivElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const returnFocusRef = useRef<HTMLElement | null>(null);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const isSearchable = searchPlaceholder !== undefined;

  const visible = useMemo(() => options.filter((option) => matches(option, query)), [options, query]);
  const optionId = (index: number) => `${baseId}-option-${index}`;
  const active = visible[activeIndex];

  // Opening: remember where focus was, start from the current value, focus the search or the list.
  const wasOpen = useRef(false);
  useLayoutEffect(() => {
    if (isOpen && !wasOpen.current) {
      const focused = document.activeElement;
      returnFocusRef.current = focused instanceof HTMLElement && focused !== document.body ? focused : null;
      setQuery('');
      const selected = options.findIndex((option) => option.isSelected && !option.isDisabled);
      setActiveIndex(
        selected === -1 || isMultiple || startAt === 'first' ? firstEnabled(options, 0, 1) : selected,
      );
      (isSearchable ? inputRef.current : listRef.current)?.focus();
    } else if (!isOpen && wasOpen.current && document.activeElement === document.body) {
      // Closed from inside (a form in the panel was submitted, the focused option went away):
      // focus would be lost with the panel, so it goes back to where it was.
      const target = returnFocusRef.current;
      (target?.isConnected ? target : triggerRef.current)?.focus();
    }
    wasOpen.current = isOpen;
  }, [isOpen, options, isSearchable, isMultiple, startAt]);

  // Keeps the highlighted option in view as it moves.
  useEffect(() => {
    if (isOpen) {
      document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
    }
  });

  // A click outside or focus moving elsewhere closes it (without taking focus back).
  useEffect(() => {
    if (!isOpen) {
      return;
    }
    const isOutside = (target: EventTarget | null) =>
      !(target instanceof Node && containerRef.current?.contains(target));
    const onPointerDown = (event: PointerEvent) => {
      if (isOutside(event.target)) {
        onOpenChange(false);
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (isOutside(event.target)) {
        onOpenChange(false);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('focusin', onFocusIn);
    };
  }, [isOpen, onOpenChange]);

  const close = () => {
    onOpenChange(false);
    const target = returnFocusRef.current;
    (target?.isConnected ? target : triggerRef.current)?.focus();
  };

  const choose = (option: PickerOption | undefined) => {
    if (!option || option.isDisabled) {
      return;
    }
    onSelect(option);
    if (!isMultiple && !option.keepsOpen) {
      close();
    }
  };

  const move = (from: number, step: 1 | -1) => {
    if (visible.length === 0) {
      return;
    }
    setActiveIndex(firstEnabled(visible, (from + step + visible.length) % visible.length, step));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        move(activeIndex, 1);
        break;
      case 'ArrowUp':
        move(activeIndex, -1);
        break;
      case 'Home':
        if (isSearchable) {
          return;
        }
        setActiveIndex(firstEnabled(visible, 0, 1));
        break;
      case 'End':
        if (isSearchable) {
          return;
        }
        setActiveIndex(firstEnabled(visible, visible.length - 1, -1));
        break;
      case 'Enter':
        choose(active);
        break;
      case ' ':
        if (isSearchable) {
          return;
        }
        choose(active);
        break;
      case 'Escape':
        close();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div ref={containerRef} className="relative">
      <button
        ref={triggerRef}
        type="button"
        aria-haspopup="listbox"
        aria-expanded={isOpen}
        aria-controls={isOpen ? listId : undefined}
        aria-label={triggerLabel}
        aria-keyshortcuts={shortcut}
        title={shortcut ? `${triggerLabel ?? title} (${shortcut.toUpperCase()})` : undefined}
        data-testid={testId}
        disabled={disabled}
        onClick={() => (isOpen ? close() : onOpenChange(true))}
        className={triggerClassName}
      >
        {trigger}
      </button>
      {isOpen ? (
        <div
          data-no-shortcuts
          className={`absolute z-40 w-64 animate-fade-in overflow-hidden rounded-card border border-line bg-surface shadow-popover ${
            align === 'end' ? 'right-0' : 'left-0'
          } ${placement === 'below' ? 'top-full mt-1' : 'bottom-full mb-1'} ${panelClassName}`}
        >
          {isSearchable ? (
            <div className="flex items-center gap-2 border-line border-b px-2.5">
              <Search aria-hidden className="size-4 shrink-0 text-fg-subtle" />
              <input
                ref={inputRef}
                type="text"
                role="combobox"
                aria-expanded="true"
                aria-controls={listId}
                aria-autocomplete="list"
                aria-activedescendant={active ? optionId(activeIndex) : undefined}
                aria-label={title}
                placeholder={searchPlaceholder}
                autoComplete="off"
                spellCheck={false}
                value={query}
                onChange={(event) => {
                  setQuery(event.target.value);
                  setActiveIndex(0);
                }}
                onKeyDown={onKeyDown}
                className="h-9 min-w-0 flex-1 bg-transparent text-fg text-sm placeholder:text-fg-subtle focus:outline-none"
              />
            </div>
          ) : null}
          <div
            ref={listRef}
            id={listId}
            role="listbox"
            aria-label={title}
            aria-multiselectable={isMultiple || undefined}
            aria-activedescendant={!isSearchable && active ? optionId(activeIndex) : undefined}
            tabIndex={isSearchable ? -1 : 0}
            onKeyDown={isSearchable ? undefined : onKeyDown}
            className="max-h-72 overflow-y-auto p-1 focus:outline-none"
          >
            {groupsOf(visible).map((group) => {
              const items = group.items.map(({ option, index }) => {
                const isActive = index === activeIndex;
                return (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: keys are handled by the search field or the listbox (aria-activedescendant)
                  <div
                    key={option.id}
                    id={optionId(index)}
                    role="option"
                    tabIndex={-1}
                    aria-selected={option.isSelected ?? false}
                    aria-disabled={option.isDisabled || undefined}
                    onMouseDown={(event) => event.preventDefault()}
                    onMouseMove={() => {
                      if (!isActive && !option.isDisabled) {
                        setActiveIndex(index);
                      }
                    }}
                    onClick={() => choose(option)}
                    className={`flex cursor-pointer items-center gap-2 rounded-[0.3125rem] px-2 py-1.5 text-sm text-fg ${
                      isActive ? 'bg-accent-soft' : ''
                    } ${option.isDisabled ? 'cursor-default opacity-60' : ''}`}
                  >
                    {option.icon ? (
                      <span aria-hidden className="flex size-4 shrink-0 items-center justify-center">
                        {option.icon}
                      </span>
                    ) : null}
                    <span className="min-w-0 flex-1 truncate">{option.label}</span>
                    {option.detail ? (
                      <span className="shrink-0 text-fg-muted text-xs tabular-nums">{option.detail}</span>
                    ) : null}
                    <Check
                      aria-hidden
                      className={`size-4 shrink-0 text-accent-text ${option.isSelected ? '' : 'invisible'}`}
                    />
                  </div>
                );
              });
              return group.name ? (
                // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox, not of form fields
                <div key={group.name} role="group" aria-label={group.name}>
                  <div
                    aria-hidden
                    className="px-2 pt-2 pb-1 font-medium text-[0.6875rem] text-fg-muted uppercase tracking-wide"
                  >
                    {group.name}
                  </div>
                  {items}
                </div>
              ) : (
                <Fragment key={group.items[0]?.option.id}>{items}</Fragment>
              );
            })}
          </div>
          {visible.length === 0 ? (
            <p className="flex items-center gap-2 px-3 pb-3 text-fg-muted text-sm">
              {isLoading ? <Spinner /> : null}
              {isLoading ? 'Loading…' : emptyText}
            </p>
          ) : null}
          {footer ? <div className="border-line border-t">{footer}</div> : null}
        </div>
      ) : null}
    </div>
  );
}

type Group = { name: string | undefined; items: { option: PickerOption; index: number }[] };

/** Consecutive options of the same group, each with its index in the whole list. */
function groupsOf(options: PickerOption[]): Group[] {
  const groups: Group[] = [];
  options.forEach((option, index) => {
    const last = groups.at(-1);
    if (last && last.name === option.group) {
      last.items.push({ option, index });
    } else {
      groups.push({ name: option.group, items: [{ option, index }] });
    }
  });
  return groups;
}

/** The first enabled option from `start` going `step`, or `start` itself when none is. */
function firstEnabled(options: PickerOption[], start: number, step: 1 | -1): number {
  for (let offset = 0; offset < options.length; offset++) {
    const index = (start + offset * step + options.length) % options.length;
    if (!options[index]?.isDisabled) {
      return index;
    }
  }
  return Math.max(0, Math.min(start, options.length - 1));
}
