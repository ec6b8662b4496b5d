import { PlugZap, Unplug } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../../../api/api-error';
import { useChannelConnection } from '../../../api/inboxes';
import type { Inbox } from '../../../api/types';
import { Alert } from '../../../components/alert';
import { Button } from '../../../components/button';
import { ConfirmDialog } from '../../../components/dialog';
import { Section } from '../../../components/page';
import { useDateFormat } from '../../../lib/date-format';

/**
 * Whether the inbox's channel takes messages in and sends replies out, its last error, and the
 * button that connects or disconnects it (disconnecting asks first: visitors are turned away).
 */
export function ChannelSection({ inbox }: { inbox: Inbox }) {
  const connection = useChannelConnection(inbox.id);
  const [isConfirming, setIsConfirming] = useState(false);
  const isConnected = inbox.channelState.state === 'connected';

  const action = isConnected ? (
    <Button size="sm" variant="danger-subtle" icon={Unplug} onClick={() => setIsConfirming(true)}>
      Disconnect
    </Button>
  ) : (
    <Button
      size="sm"
      variant="primary"
      icon={PlugZap}
      isPending={connection.isPending}
      onClick={() => connection.mutate('connect')}
    >
      Connect
    </Button>
  );

  return (
    <Section
      id="inbox-channel"
      title="Channel"
      description="Whether the website widget takes new messages and your team’s replies go out."
      actions={action}
    >
      <div className="grid max-w-2xl gap-3">
        <ChannelState isConnected={isConnected} />
        <LastError lastError={inbox.channelState.lastError} lastErrorAt={inbox.channelState.lastErrorAt} />
        {!isConfirming && connection.isError ? <Alert>{errorMessage(connection.error)}</Alert> : null}
      </div>
      <ConfirmDialog
        isOpen={isConfirming}
        onClose={() => {
          setIsConfirming(false);
          connection.reset();
        }}
        onConfirm={() => connection.mutate('disconnect', { onSuccess: () => setIsConfirming(false) })}
        title="Disconnect the channel?"
        description="The widget stops accepting new messages at once. Your team’s replies wait and go out when you connect again."
        confirmLabel="Disconnect"
        isPending={connection.isPending}
        error={connection.isError ? errorMessage(connection.error) : null}
      />
    </Section>
  );
}

function ChannelState({ isConnected }: { isConnected: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-x-2.5 gap-y-1" data-testid="channel-state">
      <span
        className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 font-medium text-xs ${
          isConnected ? 'bg-success-soft text-success-text' : 'bg-surface-muted text-fg-muted'
        }`}
      >
        <span
          aria-hidden
          className={`size-1.5 rounded-full ${isConnected ? 'bg-presence-online' : 'bg-presence-offline'}`}
        />
        {isConnected ? 'Connected' : 'Disconnected'}
      </span>
      <span className="text-[0.8125rem] text-fg-muted">
        {isConnected
          ? 'The widget accepts new messages and replies are sent.'
          : 'The widget refuses new messages; replies wait until you connect again.'}
      </span>
    </div>
  );
}

function LastError({ lastError, lastErrorAt }: { lastError: string | null; lastErrorAt: string | null }) {
  const formatDate = useDateFormat();
  if (!lastError) {
    return null;
  }
  return (
    <Alert tone="warning" title="Last error">
      <p className="break-words">{lastError}</p>
      {lastErrorAt ? (
        <p className="mt-0.5 text-xs">
          <time dateTime={lastErrorAt}>{formatDate(lastErrorAt)}</time>
        </p>
      ) : null}
    </Alert>
  );
}
