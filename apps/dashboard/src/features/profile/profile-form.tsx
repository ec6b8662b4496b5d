import { ImageUp, Trash2 } from 'lucide-react';
import { type FormEvent, useId, useMemo, useRef, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import { useUpdateProfile, useUploadAvatar } from '../../api/me';
import { LANGUAGES, type Language, type User } from '../../api/types';
import { Alert } from '../../components/alert';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { SelectField, TextField } from '../../components/field';
import { browserTimeZone } from '../../lib/date-format';

export const LANGUAGE_OPTIONS: { value: Language; label: string }[] = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'Français' },
  { value: 'de', label: 'Deutsch' },
  { value: 'es', label: 'Español' },
  { value: 'pt', label: 'Português' },
  { value: 'nl', label: 'Nederlands' },
];

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export function timeZoneOptions(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  // Browsers leave out aliases such as "UTC"; keep whatever the profile holds selectable.
  return zones.includes(current) ? zones : [current, ...zones];
}

export function ProfileForm({ user }: { user: User }) {
  const [name, setName] = useState(user.name);
  const [timeZone, setTimeZone] = useState(user.timeZone || browserTimeZone());
  const [language, setLanguage] = useState<Language>(isLanguage(user.language) ? user.language : 'en');
  const zones = useMemo(() => timeZoneOptions(user.timeZone || browserTimeZone()), [user.timeZone]);
  const updateProfile = useUpdateProfile();
  const errors = formErrors(updateProfile.error, ['name', 'timeZone', 'language']);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    updateProfile.mutate({
      name: name.trim(),
      timeZone,
      language,
    });
  };

  const edited =
    <T,>(setter: (value: T) => void) =>
    (value: T) => {
      setter(value);
      if (updateProfile.isSuccess) {
        updateProfile.reset();
      }
    };

  return (
    <form className="max-w-lg space-y-4" onSubmit={onSubmit}>
      <div className="flex items-center gap-3">
        <Avatar name={name || user.email} url={user.avatarUrl} size="lg" />
        <div className="min-w-0">
          <p className="truncate font-medium">{name || user.email}</p>
          <p className="truncate text-fg-muted">{user.email}</p>
        </div>
      </div>
      <AvatarPicker user={user} />
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        value={name}
        onChange={(event) => edited(setName)(event.target.value)}
        error={errors.fields.name}
      />
      <div className="grid grid-cols-2 gap-4">
        <SelectField
          label="Time zone"
          name="time-zone"
          value={timeZone}
          onChange={(event) => edited(setTimeZone)(event.target.value)}
          error={errors.fields.timeZone}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Language"
          name="language"
          value={language}
          onChange={(event) => edited(setLanguage)(event.target.value as Language)}
          error={errors.fields.language}
        >
          {LANGUAGE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      </div>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      {updateProfile.isSuccess ? <Alert tone="success">Your profile has been saved.</Alert> : null}
      <Button type="submit" variant="primary" isPending={updateProfile.isPending}>
        Save
      </Button>
    </form>
  );
}

/** Picture upload: Parley keeps the file and serves it, so no outside address is ever loaded. */
function AvatarPicker({ user }: { user: User }) {
  const upload = useUploadAvatar();
  const remove = useUpdateProfile();
  const inputRef = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const error = upload.error ?? remove.error;
  return (
    <div className="space-y-1.5">
      <p className="font-medium text-[0.8125rem] text-fg">Picture</p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          ref={inputRef}
          type="file"
          accept="image/png,image/jpeg,image/gif,image/webp"
          className="sr-only"
          tabIndex={-1}
          aria-hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) {
              remove.reset();
              upload.mutate(file);
            }
          }}
        />
        <Button
          icon={ImageUp}
          aria-describedby={hintId}
          isPending={upload.isPending}
          onClick={() => inputRef.current?.click()}
        >
          {user.avatarUrl ? 'Change picture' : 'Upload picture'}
        </Button>
        {user.avatarUrl ? (
          <Button
            variant="ghost"
            icon={Trash2}
            isPending={remove.isPending}
            onClick={() => {
              upload.reset();
              remove.mutate({ avatarUrl: null });
            }}
          >
            Remove
          </Button>
        ) : null}
      </div>
      <p id={hintId} className="text-fg-subtle text-xs">
        PNG, JPEG, GIF or WebP, up to 2 MB. A square picture works best; without one, your initials show.
      </p>
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
    </div>
  );
}
