import { Plus, Trash2 } from 'lucide-react';
import { useId, useMemo } from 'react';
import type { BusinessHours } from '../../../api/types';
import { Button } from '../../../components/button';
import { Select, SelectField } from '../../../components/field';
import { Section } from '../../../components/page';
import { browserTimeZone } from '../../../lib/date-format';
import type { DraftErrors, InboxDraft } from './use-inbox-draft';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function timeZones(current: string | undefined): string[] {
  const zones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return current && !zones.includes(current) ? [current, ...zones] : zones;
}

const DEFAULT_HOURS = (): BusinessHours => ({
  timeZone: browserTimeZone(),
  days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })),
});

/** `savedTimeZone`: the zone the inbox was saved with, offered even when this browser does not know it. */
export function BusinessHoursSection({
  form,
  savedTimeZone,
}: {
  form: InboxDraft;
  savedTimeZone: string | undefined;
}) {
  const zones = useMemo(() => timeZones(savedTimeZone), [savedTimeZone]);
  return (
    <Section
      id="inbox-hours"
      title="Business hours"
      description="Outside these hours the widget shows your offline message."
    >
      <BusinessHoursEditor
        hours={form.settings.businessHours}
        zones={zones}
        errors={form.errors}
        onChange={form.changeHours}
        onChangeDay={form.changeDay}
      />
    </Section>
  );
}

type HoursProps = {
  hours: BusinessHours | null;
  zones: string[];
  errors: DraftErrors;
  onChange: (hours: BusinessHours | null) => void;
  onChangeDay: (index: number, next: Partial<BusinessHours['days'][number]>) => void;
};

function BusinessHoursEditor({ hours, zones, errors, onChange, onChangeDay }: HoursProps) {
  const name = useId();
  return (
    <div className="space-y-4">
      <fieldset className="flex flex-wrap gap-x-6 gap-y-2">
        <legend className="sr-only">When the team is available</legend>
        <label className="flex cursor-pointer items-center gap-2 font-medium text-[0.8125rem]">
          <input
            type="radio"
            name={name}
            checked={hours === null}
            onChange={() => onChange(null)}
            className="size-4 accent-accent"
          />
          Always open
        </label>
        <label className="flex cursor-pointer items-center gap-2 font-medium text-[0.8125rem]">
          <input
            type="radio"
            name={name}
            checked={hours !== null}
            onChange={() => onChange(hours ?? DEFAULT_HOURS())}
            className="size-4 accent-accent"
          />
          Set business hours
        </label>
      </fieldset>
      {hours ? (
        <div className="max-w-xl space-y-3">
          <SelectField
            label="Time zone"
            value={hours.timeZone}
            onChange={(event) => onChange({ ...hours, timeZone: event.target.value })}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </SelectField>
          {hours.days.length === 0 ? (
            <p className="text-fg-muted text-xs">
              No hours yet: the widget counts as always open until you add some.
            </p>
          ) : (
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Opening hours</caption>
              <thead>
                <tr className="text-fg-subtle text-xs">
                  <th scope="col" className="pb-1 font-medium">
                    Day
                  </th>
                  <th scope="col" className="pb-1 font-medium">
                    Opens
                  </th>
                  <th scope="col" className="pb-1 font-medium">
                    Closes
                  </th>
                  <th scope="col" className="w-px pb-1">
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {hours.days.map((row, index) => (
                  <DayRow
                    // Rows have no id; the index is their identity while editing.
                    // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place, never reordered
                    key={index}
                    row={row}
                    index={index}
                    error={errors[`day-${index}`]}
                    onChange={(next) => onChangeDay(index, next)}
                    onRemove={() => onChange({ ...hours, days: hours.days.filter((_, i) => i !== index) })}
                  />
                ))}
              </tbody>
            </table>
          )}
          <Button
            size="sm"
            icon={Plus}
            disabled={hours.days.length >= 14}
            onClick={() => {
              const lastDay = hours.days.at(-1)?.day ?? 0;
              onChange({
                ...hours,
                days: [...hours.days, { day: (lastDay + 1) % 7, open: '09:00', close: '17:00' }],
              });
            }}
          >
            Add hours
          </Button>
        </div>
      ) : (
        <p className="text-fg-muted text-xs">The widget always shows your team as available.</p>
      )}
    </div>
  );
}

type DayRowProps = {
  row: BusinessHours['days'][number];
  index: number;
  error: string | undefined;
  onChange: (next: Partial<BusinessHours['days'][number]>) => void;
  onRemove: () => void;
};

const timeInputClass =
  'h-9 w-full rounded-control border border-line-strong bg-surface px-2.5 text-fg text-sm shadow-card focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25 aria-invalid:border-danger';

function DayRow({ row, index, error, onChange, onRemove }: DayRowProps) {
  const errorId = useId();
  const label = `row ${index + 1}`;
  return (
    <>
      <tr>
        <td className="py-1 pr-2">
          <Select
            aria-label={`Day, ${label}`}
            value={row.day}
            onChange={(event) => onChange({ day: Number(event.target.value) })}
          >
            {DAYS.map((day, value) => (
              <option key={day} value={value}>
                {day}
              </option>
            ))}
          </Select>
        </td>
        <td className="py-1 pr-2">
          <input
            type="time"
            aria-label={`Opens, ${label}`}
            value={row.open}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => onChange({ open: event.target.value })}
            className={timeInputClass}
          />
        </td>
        <td className="py-1 pr-2">
          <input
            type="time"
            aria-label={`Closes, ${label}`}
            value={row.close}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => onChange({ close: event.target.value })}
            className={timeInputClass}
          />
        </td>
        <td className="py-1">
          <Button
            variant="danger-subtle"
            size="sm"
            icon={Trash2}
            aria-label={`Remove ${DAYS[row.day] ?? 'day'}, ${label}`}
            onClick={onRemove}
          />
        </td>
      </tr>
      {error ? (
        <tr>
          <td colSpan={4} id={errorId} className="pb-1 text-danger-text text-xs">
            {error}
          </td>
        </tr>
      ) : null}
    </>
  );
}
