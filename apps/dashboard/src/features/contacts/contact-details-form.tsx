import { Check, Save } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { formErrors } from '../../api/api-error';
import { type Contact, type ContactPatch, useUpdateContact } from '../../api/contacts';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { TextField } from '../../components/field';

type Props = {
  contact: Contact;
  /** The side panel's layout: fields stacked, a Cancel button (`onDone` closes the form). */
  isCompact?: boolean;
  onDone?: () => void;
};

const FIELDS = ['name', 'email', 'phone'] as const;
type Field = (typeof FIELDS)[number];

function valuesOf(contact: Contact): Record<Field, string> {
  return { name: contact.name ?? '', email: contact.email ?? '', phone: contact.phone ?? '' };
}

/** Only what changed is sent; a cleared field becomes null (removed). */
function patchOf(contact: Contact, values: Record<Field, string>): ContactPatch {
  const patch: ContactPatch = {};
  for (const field of FIELDS) {
    const next = values[field].trim() || null;
    if (next !== (contact[field] ?? null)) {
      patch[field] = next;
    }
  }
  return patch;
}

/** Name, email and phone of a contact, saved together. */
export function ContactDetailsForm({ contact, isCompact = false, onDone }: Props) {
  const update = useUpdateContact(contact.id);
  const [values, setValues] = useState(() => valuesOf(contact));
  const [base, setBase] = useState(contact);
  const [isSaved, setIsSaved] = useState(false);
  if (base !== contact) {
    // The contact changed under the form (saved here, merged, edited in another tab): fields the
    // person has not touched follow it, so Save never writes an old value back.
    const before = valuesOf(base);
    const after = valuesOf(contact);
    setBase(contact);
    setValues((current) => {
      const next = { ...current };
      for (const field of FIELDS) {
        if (current[field] === before[field]) {
          next[field] = after[field];
        }
      }
      return next;
    });
  }
  const patch = patchOf(contact, values);
  const isChanged = Object.keys(patch).length > 0;
  const errors = formErrors(update.error, FIELDS);

  useEffect(() => {
    if (!isSaved) {
      return;
    }
    const timer = window.setTimeout(() => setIsSaved(false), 2500);
    return () => window.clearTimeout(timer);
  }, [isSaved]);

  const set = (field: Field) => (event: { target: { value: string } }) => {
    setIsSaved(false);
    setValues((current) => ({ ...current, [field]: event.target.value }));
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!isChanged) {
      onDone?.();
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        setIsSaved(true);
        onDone?.();
      },
    });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-3" aria-label="Contact details" noValidate>
      <div className={isCompact ? 'space-y-3' : 'grid gap-3 sm:grid-cols-2'}>
        <div className={isCompact ? '' : 'sm:col-span-2'}>
          <TextField
            label="Name"
            name="contact-name"
            autoComplete="off"
            maxLength={200}
            value={values.name}
            onChange={set('name')}
            error={errors.fields.name}
            autoFocus={isCompact}
          />
        </div>
        <TextField
          label="Email"
          name="contact-email"
          type="email"
          autoComplete="off"
          maxLength={320}
          value={values.email}
          onChange={set('email')}
          error={errors.fields.email}
        />
        <TextField
          label="Phone"
          name="contact-phone"
          type="tel"
          autoComplete="off"
          maxLength={50}
          value={values.phone}
          onChange={set('phone')}
          error={errors.fields.phone}
        />
      </div>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      <div className="flex items-center justify-end gap-2">
        <span role="status" className="mr-auto inline-flex items-center gap-1 text-success-text text-xs">
          {isSaved ? (
            <>
              <Check aria-hidden className="size-3.5" />
              Saved
            </>
          ) : null}
        </span>
        {onDone ? (
          <Button size={isCompact ? 'sm' : 'md'} onClick={onDone}>
            Cancel
          </Button>
        ) : null}
        <Button
          type="submit"
          variant="primary"
          size={isCompact ? 'sm' : 'md'}
          icon={isCompact ? undefined : Save}
          isPending={update.isPending}
          disabled={!isChanged && !onDone}
        >
          Save
        </Button>
      </div>
    </form>
  );
}
