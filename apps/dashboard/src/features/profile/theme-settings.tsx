import { useId } from 'react';
import { THEME_LABEL, THEMES, useThemeChoice } from '../../lib/theme';
import { THEME_ICON } from '../shell/theme-choice';

/** Light, dark or system on the Profile page: the same choice as in the user menu, applied at once. */
export function ThemeSettings() {
  const { theme, choose } = useThemeChoice();
  const name = useId();
  return (
    <fieldset className="flex flex-wrap gap-x-6 gap-y-2">
      <legend className="sr-only">Theme</legend>
      {THEMES.map((option) => {
        const Icon = THEME_ICON[option];
        return (
          <label
            key={option}
            className="flex cursor-pointer items-center gap-2 font-medium text-[0.8125rem] text-fg"
          >
            <input
              type="radio"
              name={name}
              value={option}
              checked={theme === option}
              onChange={() => choose(option)}
              className="size-4 accent-accent"
            />
            <Icon aria-hidden className="size-4 text-fg-subtle" />
            {THEME_LABEL[option]}
          </label>
        );
      })}
    </fieldset>
  );
}
