import { Check, Monitor, Moon, Sun } from 'lucide-react';
import type { Theme } from '../../api/types';
import { popoverItemClass } from '../../components/popover';
import { THEME_LABEL, THEMES, useThemeChoice } from '../../lib/theme';

export const THEME_ICON = { system: Monitor, light: Sun, dark: Moon } as const;

/** Light, dark or system, in the user menu: each a pressed-or-not button, applied at once. */
export function ThemeChoice() {
  const { theme, choose } = useThemeChoice();
  return (
    <fieldset className="pb-1">
      <legend className="px-2 pt-1 pb-1 font-medium text-fg-subtle text-xs">Theme</legend>
      {THEMES.map((option: Theme) => {
        const Icon = THEME_ICON[option];
        const isChosen = option === theme;
        return (
          <button
            key={option}
            type="button"
            aria-pressed={isChosen}
            className={popoverItemClass}
            onClick={() => choose(option)}
          >
            <Icon aria-hidden className="size-4 text-fg-subtle" />
            <span className="flex-1">{THEME_LABEL[option]}</span>
            <Check aria-hidden className={`size-4 text-accent-text ${isChosen ? '' : 'invisible'}`} />
          </button>
        );
      })}
    </fieldset>
  );
}
