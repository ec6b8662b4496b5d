import { HEX_COLOUR } from '@parley/shared/forms/inbox';
import { MessageSquare } from 'lucide-react';
import { useId } from 'react';
import type { InboxSettings } from '../../../api/types';
import { SelectField } from '../../../components/field';
import { Section } from '../../../components/page';
import type { InboxDraft } from './use-inbox-draft';

export function AppearanceSection({ form }: { form: InboxDraft }) {
  const { settings, errors, changeSettings } = form;
  const colourId = useId();
  return (
    <Section
      id="inbox-appearance"
      title="Appearance"
      description="How the chat launcher looks on your website."
    >
      <div className="grid max-w-xl grid-cols-2 gap-4">
        <div className="flex flex-col gap-1.5">
          <label htmlFor={colourId} className="font-medium text-[0.8125rem] text-fg">
            Colour
          </label>
          <div className="flex items-center gap-2">
            <input
              type="color"
              aria-label="Pick a colour"
              value={HEX_COLOUR.test(settings.color) ? settings.color : '#000000'}
              onChange={(event) => changeSettings({ color: event.target.value })}
              className="h-9 w-11 shrink-0 cursor-pointer rounded-control border border-line-strong bg-surface p-1"
            />
            <input
              id={colourId}
              value={settings.color}
              onChange={(event) => changeSettings({ color: event.target.value.trim() })}
              aria-invalid={errors.color ? true : undefined}
              aria-describedby={errors.color ? `${colourId}-error` : undefined}
              spellCheck={false}
              maxLength={7}
              className="h-9 w-full min-w-0 rounded-control border border-line-strong bg-surface px-3 font-mono text-fg text-sm shadow-card focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25 aria-invalid:border-danger"
            />
          </div>
          {errors.color ? (
            <p id={`${colourId}-error`} className="text-danger-text text-xs">
              {errors.color}
            </p>
          ) : null}
        </div>
        <SelectField
          label="Position"
          value={settings.position}
          onChange={(event) => changeSettings({ position: event.target.value as InboxSettings['position'] })}
        >
          <option value="right">Bottom right</option>
          <option value="left">Bottom left</option>
        </SelectField>
      </div>
      <LauncherPreview
        color={HEX_COLOUR.test(settings.color) ? settings.color : '#888888'}
        position={settings.position}
      />
    </Section>
  );
}

function LauncherPreview({ color, position }: { color: string; position: 'right' | 'left' }) {
  return (
    <div
      aria-hidden
      className="mt-4 flex h-20 max-w-xl items-end rounded-card border border-line border-dashed bg-canvas p-3"
    >
      <span
        className={`flex size-10 items-center justify-center rounded-full shadow-popover ${position === 'right' ? 'ml-auto' : ''}`}
        style={{ backgroundColor: color }}
      >
        <MessageSquare aria-hidden className="size-5 text-white" />
      </span>
    </div>
  );
}
