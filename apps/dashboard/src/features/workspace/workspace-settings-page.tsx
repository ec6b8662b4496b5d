import { ImageUp, Trash2 } from 'lucide-react';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import type { Language, Session, WorkspaceSettings } from '../../api/types';
import {
  useRemoveWorkspaceLogo,
  useUpdateWorkspaceSettings,
  useUploadWorkspaceLogo,
  useWorkspaceSettings,
} from '../../api/workspace-settings';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { CheckboxField, SelectField, TextField } from '../../components/field';
import { PageBody, PageHeader, Section } from '../../components/page';
import { ErrorState, LoadingState } from '../../components/states';
import { isLanguage, LANGUAGE_OPTIONS, timeZoneOptions } from '../profile/profile-form';
import { WorkspaceLogo } from './workspace-logo';

const LOGO_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/** The workspace's name, logo and defaults; admins and owners change them, everyone else reads them. */
export function WorkspaceSettingsPage({ session }: { session: Session }) {
  const settings = useWorkspaceSettings();
  const canManage = session.role === 'owner' || session.role === 'admin';
  return (
    <>
      <PageHeader
        title="Workspace"
        description="The name and logo your team sees, and the defaults Parley uses where nobody chose otherwise."
      />
      <PageBody>
        {settings.isPending ? (
          <LoadingState label="Loading the workspace settings…" />
        ) : settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
        ) : (
          <>
            {canManage ? null : <Alert tone="info">Only admins and owners can change these settings.</Alert>}
            <Section id="workspace-logo" title="Logo" description="Shown beside the workspace name.">
              <LogoSettings settings={settings.data} canManage={canManage} />
            </Section>
            <Section
              id="workspace-details"
              title="Name and defaults"
              description="New members start with this language and time zone; each can change their own."
            >
              <DetailsForm key={settings.data.id} settings={settings.data} canManage={canManage} />
            </Section>
            <Section id="workspace-conversations" title="Conversations">
              <AssignmentSetting settings={settings.data} canManage={canManage} />
            </Section>
          </>
        )}
      </PageBody>
    </>
  );
}

function LogoSettings({ settings, canManage }: { settings: WorkspaceSettings; canManage: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const upload = useUploadWorkspaceLogo();
  const remove = useRemoveWorkspaceLogo();
  const error = upload.error ?? remove.error;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-4">
        <WorkspaceLogo name={settings.name} logoUrl={settings.logoUrl} size="lg" />
        {canManage ? (
          <div className="flex flex-wrap items-center gap-2">
            <input
              ref={input}
              type="file"
              accept={LOGO_TYPES}
              className="sr-only"
              tabIndex={-1}
              aria-label="Logo file"
              onChange={(event) => {
                const file = event.target.files?.[0];
                event.target.value = '';
                if (file) {
                  remove.reset();
                  upload.mutate(file);
                }
              }}
            />
            <Button icon={ImageUp} isPending={upload.isPending} onClick={() => input.current?.click()}>
              {settings.logoUrl ? 'Replace logo' : 'Upload logo'}
            </Button>
            {settings.logoUrl ? (
              <Button
                variant="ghost"
                icon={Trash2}
                isPending={remove.isPending}
                onClick={() => {
                  upload.reset();
                  remove.mutate();
                }}
              >
                Remove
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      {canManage ? (
        <p className="text-fg-subtle text-xs">
          PNG, JPEG, GIF or WebP, at most 1 MB. A square image works best.
        </p>
      ) : null}
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
    </div>
  );
}

function DetailsForm({ settings, canManage }: { settings: WorkspaceSettings; canManage: boolean }) {
  const [name, setName] = useState(settings.name);
  const [language, setLanguage] = useState<Language>(
    isLanguage(settings.defaultLanguage) ? settings.defaultLanguage : 'en',
  );
  const [timeZone, setTimeZone] = useState(settings.defaultTimeZone);
  const zones = useMemo(() => timeZoneOptions(settings.defaultTimeZone), [settings.defaultTimeZone]);
  const update = useUpdateWorkspaceSettings();
  const errors = formErrors(update.error, ['name', 'defaultLanguage', 'defaultTimeZone']);

  const edited =
    <T,>(setter: (value: T) => void) =>
    (value: T) => {
      setter(value);
      if (update.isSuccess) {
        update.reset();
      }
    };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update.mutate({ name: name.trim(), defaultLanguage: language, defaultTimeZone: timeZone });
  };

  return (
    <form className="max-w-lg space-y-4" onSubmit={onSubmit}>
      <fieldset disabled={!canManage} className="space-y-4">
        <TextField
          label="Workspace name"
          name="workspace-name"
          required
          value={name}
          onChange={(event) => edited(setName)(event.target.value)}
          error={errors.fields.name}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Default language"
            name="default-language"
            value={language}
            onChange={(event) => edited(setLanguage)(event.target.value as Language)}
            error={errors.fields.defaultLanguage}
          >
            {LANGUAGE_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Default time zone"
            name="default-time-zone"
            value={timeZone}
            onChange={(event) => edited(setTimeZone)(event.target.value)}
            error={errors.fields.defaultTimeZone}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </SelectField>
        </div>
      </fieldset>
      {errors.form ? <Alert>{errors.form}</Alert> : null}
      {update.isSuccess ? <Alert tone="success">The workspace settings have been saved.</Alert> : null}
      {canManage ? (
        <Button type="submit" variant="primary" isPending={update.isPending}>
          Save
        </Button>
      ) : null}
    </form>
  );
}

/** Saved as soon as it changes, like the notification choices in the profile. */
function AssignmentSetting({ settings, canManage }: { settings: WorkspaceSettings; canManage: boolean }) {
  const update = useUpdateWorkspaceSettings();
  const [isOn, setIsOn] = useState(settings.autoAssignOnReply);
  const change = (next: boolean) => {
    setIsOn(next);
    update.mutate({ autoAssignOnReply: next }, { onError: () => setIsOn(!next) });
  };
  return (
    <div className="max-w-lg space-y-3">
      <CheckboxField
        label="Assign a conversation to the agent who replies"
        checked={isOn}
        disabled={!canManage}
        onChange={(event) => change(event.target.checked)}
        hint="When an agent replies to a conversation nobody is assigned to, it becomes theirs. Private notes and replies through API tokens never assign."
      />
      {update.isError ? <Alert>Couldn’t save your choice. {errorMessage(update.error)}</Alert> : null}
    </div>
  );
}
