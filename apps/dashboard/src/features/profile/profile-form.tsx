import { type FormEvent, useMemo, useState } from 'react';
import { formErrors } from '../../api/api-error';
import { useUpdateProfile } from '../../api/me';
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
  const [avatarUrl, setAvatarUrl] = useState(user.avatarUrl ?? '');
  const [timeZone, setTimeZone] = useState(user.timeZone || browserTimeZone());
  const [language, setLanguage] = useState<Language>(isLanguage(user.language) ? user.language : 'en');
  const zones = useMemo(() => timeZoneOptions(user.timeZone || browserTimeZone()), [user.timeZone]);
  const updateProfile = useUpdateProfile();
  const errors = formErrors(updateProfile.error, ['name', 'avatarUrl', 'timeZone', 'language']);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    updateProfile.mutate({
      name: name.trim(),
      avatarUrl: avatarUrl.trim() === '' ? null : avatarUrl.trim(),
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
        <Avatar name={name || user.email} url={avatarUrl.trim() || null} size="lg" />
        <div className="min-w-0">
          <p className="truncate font-medium">{name || user.email}</p>
          <p className="truncate text-fg-muted">{user.email}</p>
        </div>
      </div>
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        value={name}
        onChange={(event) => edited(setName)(event.target.value)}
        error={errors.fields.name}
      />
      <TextField
        label="Avatar URL"
        type="url"
        name="avatar-url"
        autoComplete="photo"
        placeholder="https://…"
        value={avatarUrl}
        onChange={(event) => edited(setAvatarUrl)(event.target.value)}
        error={errors.fields.avatarUrl}
        hint="A square image works best. Leave empty to show your initials."
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
