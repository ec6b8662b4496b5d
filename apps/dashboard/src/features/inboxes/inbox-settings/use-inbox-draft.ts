import { ZInboxForm } from '@parley/shared/forms/inbox';
import { useState } from 'react';
import { formErrors } from '../../../api/api-error';
import { type InboxUpdate, useUpdateInbox } from '../../../api/inboxes';
import type { BusinessHours, Inbox, InboxSettings } from '../../../api/types';

export type Draft = { name: string; settings: InboxSettings; requireIdentityVerification: boolean };

/** A form field's problem, keyed by the field that shows it (`day-N` for a row of business hours). */
export type DraftErrors = Record<string, string>;

function draftOf(inbox: Inbox): Draft {
  return {
    name: inbox.name,
    settings: inbox.settings,
    requireIdentityVerification: inbox.requireIdentityVerification,
  };
}

function fieldOf(path: readonly PropertyKey[]): string {
  const [group, field, list, index] = path;
  if (group === 'settings' && field === 'businessHours' && list === 'days' && typeof index === 'number') {
    return `day-${index}`;
  }
  return String(group === 'settings' ? field : group);
}

/** Problems the server would refuse, found before sending with the same rules. */
function draftErrors(draft: Draft): DraftErrors {
  const result = ZInboxForm.safeParse(draft);
  const errors: DraftErrors = {};
  for (const issue of result.error?.issues ?? []) {
    const field = fieldOf(issue.path);
    errors[field] ??= issue.message;
  }
  return errors;
}

function bodyOf(draft: Draft): InboxUpdate {
  return {
    name: draft.name.trim(),
    settings: {
      ...draft.settings,
      preChatForm: {
        ...draft.settings.preChatForm,
        consentText: draft.settings.preChatForm.consentText?.trim() || null,
      },
    },
    requireIdentityVerification: draft.requireIdentityVerification,
  };
}

/**
 * The inbox form's state: the draft being edited, the last saved version, its problems (shown after
 * the first save attempt) and the changes each section makes.
 */
export function useInboxDraft(inbox: Inbox) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(inbox));
  const [saved, setSaved] = useState<Draft>(() => draftOf(inbox));
  const [showErrors, setShowErrors] = useState(false);
  const update = useUpdateInbox(inbox.id);

  const isDirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const clientErrors = draftErrors(draft);
  const hasErrors = Object.keys(clientErrors).length > 0;
  const settings = draft.settings;

  const change = (next: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...next }));
    if (update.isSuccess || update.isError) {
      update.reset();
    }
  };
  const changeSettings = (next: Partial<InboxSettings>) => change({ settings: { ...settings, ...next } });
  const changePreChat = (next: Partial<InboxSettings['preChatForm']>) =>
    changeSettings({ preChatForm: { ...settings.preChatForm, ...next } });
  const changeHours = (next: BusinessHours | null) => changeSettings({ businessHours: next });
  const changeDay = (index: number, next: Partial<BusinessHours['days'][number]>) => {
    const hours = settings.businessHours;
    if (hours) {
      changeHours({ ...hours, days: hours.days.map((row, i) => (i === index ? { ...row, ...next } : row)) });
    }
  };

  const save = () => {
    setShowErrors(true);
    if (hasErrors) {
      return;
    }
    update.mutate(bodyOf(draft), {
      onSuccess: (result) => {
        setDraft(draftOf(result));
        setSaved(draftOf(result));
        setShowErrors(false);
      },
    });
  };
  const discard = () => {
    setDraft(saved);
    setShowErrors(false);
    update.reset();
  };

  return {
    draft,
    settings,
    errors: showErrors ? clientErrors : {},
    isShowingErrors: showErrors && hasErrors,
    serverErrors: formErrors(update.error, ['name']),
    isDirty,
    update,
    change,
    changeSettings,
    changePreChat,
    changeHours,
    changeDay,
    save,
    discard,
  };
}

export type InboxDraft = ReturnType<typeof useInboxDraft>;
