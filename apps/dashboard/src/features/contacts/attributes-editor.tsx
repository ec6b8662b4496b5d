import { Pencil, Plus, Tags, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useRef, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import { type AttributeValue, type Contact, useUpdateContact } from '../../api/contacts';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { Select, SelectField, TextField } from '../../components/field';
import { Spinner } from '../../components/states';
import {
  ATTRIBUTE_TYPE_LABEL,
  type AttributeType,
  attributeInputOf,
  attributeKeyProblem,
  attributeTypeOf,
  formatAttribute,
  MAX_ATTRIBUTE_TEXT,
  parseAttributeInput,
} from './format';

type Props = {
  contact: Contact;
  /** The side panel's layout: one attribute per block, the form stacked. */
  isCompact?: boolean;
};

const TYPES: AttributeType[] = ['string', 'number', 'boolean'];

/**
 * Custom attributes (key → text, number or yes/no): add, edit and remove, each saved on its own.
 * The business's code sets them too (`identify`), so the list can change between visits.
 */
export function AttributesEditor({ contact, isCompact = false }: Props) {
  const [editingKey, setEditingKey] = useState<string | null>(null);
  const [isAdding, setIsAdding] = useState(false);
  const entries = Object.entries(contact.attributes).sort(([a], [b]) => a.localeCompare(b));
  const containerRef = useRef<HTMLDivElement>(null);
  // A closed form gives focus back to the button that opened it (the row's Edit, or Add).
  const closeForm = (focusTarget: string) => {
    setEditingKey(null);
    setIsAdding(false);
    window.requestAnimationFrame(() =>
      containerRef.current
        ?.querySelector<HTMLElement>(`[data-focus-target="${CSS.escape(focusTarget)}"]`)
        ?.focus(),
    );
  };

  return (
    <div ref={containerRef} className="space-y-3">
      {entries.length === 0 && !isAdding ? (
        <p className="flex items-center gap-2 text-fg-muted text-sm">
          <Tags aria-hidden className="size-4 shrink-0 text-fg-subtle" />
          No custom attributes yet.
        </p>
      ) : (
        <ul
          className="divide-y divide-line rounded-control border border-line"
          aria-label="Custom attributes"
        >
          {entries.map(([key, value]) =>
            editingKey === key ? (
              <li key={key} className="p-3">
                <AttributeForm
                  contactId={contact.id}
                  initial={{ key, value }}
                  existingKeys={[]}
                  isCompact={isCompact}
                  onDone={() => closeForm(`edit:${key}`)}
                />
              </li>
            ) : (
              <AttributeRow
                key={key}
                contactId={contact.id}
                attributeKey={key}
                value={value}
                isCompact={isCompact}
                onEdit={() => {
                  setIsAdding(false);
                  setEditingKey(key);
                }}
              />
            ),
          )}
          {isAdding ? (
            <li className="p-3">
              <AttributeForm
                contactId={contact.id}
                existingKeys={entries.map(([key]) => key)}
                isCompact={isCompact}
                onDone={() => closeForm('add')}
              />
            </li>
          ) : null}
        </ul>
      )}
      {isAdding ? null : (
        <Button
          size="sm"
          icon={Plus}
          data-focus-target="add"
          onClick={() => {
            setEditingKey(null);
            setIsAdding(true);
          }}
        >
          Add attribute
        </Button>
      )}
    </div>
  );
}

function AttributeRow({
  contactId,
  attributeKey,
  value,
  isCompact,
  onEdit,
}: {
  contactId: string;
  attributeKey: string;
  value: AttributeValue;
  isCompact: boolean;
  onEdit: () => void;
}) {
  const remove = useUpdateContact(contactId);
  const type = attributeTypeOf(value);
  return (
    <li className={`px-3 py-2 ${remove.isPending ? 'opacity-60' : ''}`}>
      <div className={`flex gap-2 ${isCompact ? 'items-start' : 'items-center'}`}>
        <div
          className={`min-w-0 flex-1 ${isCompact ? '' : 'sm:grid sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)] sm:items-baseline sm:gap-3'}`}
        >
          <p className="truncate font-mono text-[0.8125rem] text-fg-muted" title={attributeKey}>
            {attributeKey}
          </p>
          <p className="min-w-0 break-words text-fg">
            {formatAttribute(value)}
            <span className="ml-1.5 text-fg-subtle text-xs">{ATTRIBUTE_TYPE_LABEL[type].toLowerCase()}</span>
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-0.5">
          {remove.isPending ? <Spinner className="mx-1 size-3.5" /> : null}
          <Button
            variant="ghost"
            size="sm"
            icon={Pencil}
            aria-label={`Edit ${attributeKey}`}
            data-focus-target={`edit:${attributeKey}`}
            onClick={onEdit}
            className="px-1.5"
          />
          <Button
            variant="danger-subtle"
            size="sm"
            icon={Trash2}
            aria-label={`Remove ${attributeKey}`}
            disabled={remove.isPending}
            onClick={() => remove.mutate({ attributes: { [attributeKey]: null } })}
            className="px-1.5"
          />
        </div>
      </div>
      {remove.isError ? (
        <Alert className="mt-2">{`Couldn't remove ${attributeKey}: ${errorMessage(remove.error)}`}</Alert>
      ) : null}
    </li>
  );
}

type FormProps = {
  contactId: string;
  /** Editing an existing attribute (its key is fixed); adding a new one without. */
  initial?: { key: string; value: AttributeValue };
  existingKeys: string[];
  isCompact: boolean;
  onDone: () => void;
};

function AttributeForm({ contactId, initial, existingKeys, isCompact, onDone }: FormProps) {
  const update = useUpdateContact(contactId);
  const [key, setKey] = useState(initial?.key ?? '');
  const [type, setType] = useState<AttributeType>(initial ? attributeTypeOf(initial.value) : 'string');
  const [raw, setRaw] = useState(initial ? attributeInputOf(initial.value) : '');
  const [problems, setProblems] = useState<{ key?: string; value?: string }>({});
  const valueId = useId();
  const errors = formErrors(update.error, ['attributes']);

  const changeType = (next: AttributeType) => {
    setType(next);
    setProblems({});
    if (next === 'boolean') {
      setRaw(raw === 'false' ? 'false' : 'true');
    } else if (type === 'boolean') {
      setRaw('');
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmedKey = key.trim();
    const keyProblem = initial
      ? null
      : (attributeKeyProblem(trimmedKey) ??
        (existingKeys.includes(trimmedKey) ? 'This contact already has it: edit that one instead.' : null));
    const parsed = parseAttributeInput(type, raw);
    const valueProblem = 'problem' in parsed ? parsed.problem : undefined;
    setProblems({ key: keyProblem ?? undefined, value: valueProblem });
    if (keyProblem || 'problem' in parsed) {
      return;
    }
    update.mutate({ attributes: { [trimmedKey]: parsed.value } }, { onSuccess: onDone });
  };

  const valueLabel = 'Value';
  return (
    <form
      onSubmit={onSubmit}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onDone();
        }
      }}
      noValidate
      aria-label={initial ? `Edit ${initial.key}` : 'New attribute'}
      className="space-y-3"
    >
      <div
        className={
          isCompact
            ? 'space-y-3'
            : 'grid gap-3 sm:grid-cols-[minmax(0,12rem)_8.5rem_minmax(0,1fr)] sm:items-start'
        }
      >
        {initial ? (
          <div className="flex flex-col gap-1.5">
            <span className="font-medium text-[0.8125rem] text-fg">Key</span>
            <span className="flex h-9 items-center truncate font-mono text-[0.8125rem] text-fg-muted">
              {initial.key}
            </span>
          </div>
        ) : (
          <TextField
            label="Key"
            name="attribute-key"
            autoComplete="off"
            spellCheck={false}
            placeholder="e.g. plan"
            maxLength={64}
            autoFocus
            value={key}
            onChange={(event) => setKey(event.target.value)}
            error={problems.key}
            className="font-mono"
          />
        )}
        <SelectField
          label="Type"
          value={type}
          onChange={(event) => changeType(event.target.value as AttributeType)}
        >
          {TYPES.map((option) => (
            <option key={option} value={option}>
              {ATTRIBUTE_TYPE_LABEL[option]}
            </option>
          ))}
        </SelectField>
        {type === 'boolean' ? (
          <div className="flex flex-col gap-1.5">
            <label htmlFor={valueId} className="font-medium text-[0.8125rem] text-fg">
              {valueLabel}
            </label>
            <Select id={valueId} value={raw} onChange={(event) => setRaw(event.target.value)}>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </Select>
          </div>
        ) : (
          <TextField
            label={valueLabel}
            name="attribute-value"
            autoComplete="off"
            inputMode={type === 'number' ? 'decimal' : undefined}
            placeholder={type === 'number' ? 'e.g. 42' : 'e.g. Pro'}
            maxLength={type === 'number' ? 40 : MAX_ATTRIBUTE_TEXT}
            autoFocus={Boolean(initial)}
            value={raw}
            onChange={(event) => setRaw(event.target.value)}
            error={problems.value}
          />
        )}
      </div>
      {errors.form || errors.fields.attributes ? (
        <Alert>{errors.form ?? errors.fields.attributes}</Alert>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" size="sm" variant="primary" isPending={update.isPending}>
          {initial ? 'Save' : 'Add'}
        </Button>
      </div>
    </form>
  );
}
