import { Check } from 'lucide-react';
import { useId } from 'react';

export const LABEL_COLORS: { value: string; name: string }[] = [
  { value: '#e5484d', name: 'Red' },
  { value: '#f76b15', name: 'Orange' },
  { value: '#ffc53d', name: 'Yellow' },
  { value: '#30a46c', name: 'Green' },
  { value: '#12a594', name: 'Teal' },
  { value: '#0090ff', name: 'Blue' },
  { value: '#5b5bd6', name: 'Indigo' },
  { value: '#8e4ec6', name: 'Purple' },
  { value: '#d6409f', name: 'Pink' },
  { value: '#8b8d98', name: 'Grey' },
];

export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

type Props = { value: string; onChange: (value: string) => void; error?: string | undefined };

/** A colour from a few swatches (radio buttons), or any colour from the system picker or as hex. */
export function ColorField({ value, onChange, error }: Props) {
  const id = useId();
  const hexId = `${id}-hex`;
  const isPreset = LABEL_COLORS.some((color) => color.value === value.toLowerCase());
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1.5 font-medium text-[0.8125rem] text-fg">Colour</legend>
      <div className="flex flex-wrap items-center gap-1.5">
        {LABEL_COLORS.map((color) => {
          const isChecked = color.value === value.toLowerCase();
          return (
            <label
              key={color.value}
              title={color.name}
              className="relative flex size-7 cursor-pointer items-center justify-center rounded-full ring-1 ring-fg/15 ring-inset has-focus-visible:outline-2 has-focus-visible:outline-focus has-focus-visible:outline-offset-2"
              style={{ backgroundColor: color.value }}
            >
              <input
                type="radio"
                name={`${id}-colour`}
                value={color.value}
                checked={isChecked}
                onChange={() => onChange(color.value)}
                className="sr-only"
              />
              <span className="sr-only">{color.name}</span>
              {isChecked ? <Check aria-hidden className="size-4 text-white drop-shadow" /> : null}
            </label>
          );
        })}
        <label
          title="Any colour"
          className={`relative flex size-7 cursor-pointer items-center justify-center overflow-hidden rounded-full ring-1 ring-fg/15 ring-inset has-focus-visible:outline-2 has-focus-visible:outline-focus has-focus-visible:outline-offset-2 ${
            isPreset ? 'bg-[conic-gradient(#e5484d,#ffc53d,#30a46c,#0090ff,#8e4ec6,#e5484d)]' : ''
          }`}
          style={isPreset ? undefined : { backgroundColor: HEX_COLOUR.test(value) ? value : '#000000' }}
        >
          <input
            type="color"
            value={HEX_COLOUR.test(value) ? value.toLowerCase() : '#000000'}
            onChange={(event) => onChange(event.target.value)}
            className="absolute inset-0 cursor-pointer opacity-0"
            aria-label="Any colour"
          />
          {isPreset ? null : <Check aria-hidden className="size-4 text-white drop-shadow" />}
        </label>
      </div>
      <div className="mt-1 flex items-center gap-2">
        <label htmlFor={hexId} className="text-fg-muted text-xs">
          Hex
        </label>
        <input
          id={hexId}
          value={value}
          onChange={(event) => onChange(event.target.value.trim())}
          spellCheck={false}
          maxLength={7}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hexId}-error` : undefined}
          className="h-8 w-28 rounded-control border border-line-strong bg-surface px-2.5 font-mono text-[0.8125rem] text-fg shadow-card focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25 aria-invalid:border-danger"
        />
      </div>
      {error ? (
        <p id={`${hexId}-error`} className="text-danger-text text-xs">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
