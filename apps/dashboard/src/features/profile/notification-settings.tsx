import { BellRing } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useUpdateProfile } from '../../api/me';
import type { Preferences } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { CheckboxField } from '../../components/field';
import {
  type NotificationPermissionState,
  useNotificationPermission,
} from '../notifications/browser-notifications';

const PERMISSION_TEXT: Record<Exclude<NotificationPermissionState, 'default'>, string> = {
  granted: 'This browser may show them.',
  denied: 'This browser blocks them for Parley. Allow notifications for this site in its settings.',
  unsupported: 'This browser cannot show notifications.',
};

/**
 * How Parley gets your attention while its tab is in the background: browser notifications, a count
 * in the tab's title, and email for mentions. Each box is saved as soon as it changes.
 */
export function NotificationSettings({ preferences }: { preferences: Preferences }) {
  const [shown, setShown] = useState(preferences);
  const update = useUpdateProfile();
  const { permission, request } = useNotificationPermission();

  const change = (key: keyof Preferences, value: boolean) => {
    const previous = shown;
    setShown({ ...shown, [key]: value });
    update.mutate({ preferences: { [key]: value } }, { onError: () => setShown(previous) });
  };

  const hint = (
    <>
      New messages in conversations assigned to you or to nobody, and mentions, while Parley is in a
      background tab.{' '}
      {shown.browserNotifications && permission !== 'default' ? PERMISSION_TEXT[permission] : null}
    </>
  );

  return (
    <div className="max-w-lg space-y-4">
      <div className="space-y-2.5">
        <CheckboxField
          label="Browser notifications"
          checked={shown.browserNotifications}
          onChange={(event) => {
            const isOn = event.target.checked;
            change('browserNotifications', isOn);
            // The browser asks the person only in answer to a click like this one.
            if (isOn && permission === 'default') {
              void request();
            }
          }}
          hint={hint}
        />
        {shown.browserNotifications && permission === 'default' ? (
          <Button size="sm" icon={BellRing} className="ml-6.5" onClick={() => void request()}>
            Allow notifications in this browser
          </Button>
        ) : null}
      </div>
      <CheckboxField
        label="Count in the tab’s title"
        checked={shown.titleBadge}
        onChange={(event) => change('titleBadge', event.target.checked)}
        hint="“(3) Parley”: how many of those arrived since you last looked at the tab."
      />
      <CheckboxField
        label="Email me when I’m mentioned"
        checked={shown.emailOnMention}
        onChange={(event) => change('emailOnMention', event.target.checked)}
        hint="When a teammate @mentions you in a private note."
      />
      {update.isError ? <Alert>Couldn’t save your choice. {errorMessage(update.error)}</Alert> : null}
    </div>
  );
}
