import { LogOut, MonitorSmartphone } from 'lucide-react';
import { useMySessions, useRevokeMyOtherSessions, useRevokeMySession } from '../../api/my-sessions';
import type { SignedInSession } from '../../api/types';
import { ThisDeviceBadge } from '../../components/badge';
import { ConfirmButton } from '../../components/dialog';
import { Section } from '../../components/page';
import { EmptyState } from '../../components/states';
import { DataTable, DateTd, Td, Th } from '../../components/table';

/** Where a session signed in from, in words: "Firefox 128 on Linux", "Mobile Safari 17 on Apple iPhone". */
export function describeSession(session: SignedInSession): string {
  const browser = session.browser ?? 'Unknown browser';
  const on = session.device ?? session.os;
  return on ? `${browser} on ${on}` : browser;
}

export function SessionList() {
  const query = useMySessions();
  const revokeOthers = useRevokeMyOtherSessions();
  const hasOthers = (query.data ?? []).some((session) => !session.isCurrent) || query.hasNextPage;
  return (
    <Section
      id="sessions"
      title="Sessions"
      description="The browsers and devices signed in to your account. Sign out any you don't recognise."
      isFlush
      actions={
        hasOthers ? (
          <ConfirmButton
            icon={LogOut}
            variant="secondary"
            mutation={revokeOthers}
            variables={undefined}
            title="Sign out everywhere else?"
            description="Every other browser and device signed in to your account is signed out at once. This one stays signed in."
            confirmLabel="Sign out everywhere else"
          >
            Sign out everywhere else
          </ConfirmButton>
        ) : null
      }
    >
      <DataTable
        query={query}
        label="Signed-in sessions"
        loadingLabel="Loading your sessions…"
        empty={
          <EmptyState icon={MonitorSmartphone} title="No other sessions" description="" className="py-10" />
        }
        columns={
          <>
            <Th>Device</Th>
            <Th>Signed in</Th>
            <Th>Last active</Th>
          </>
        }
        moreLabel="Show more sessions"
      >
        {(session) => <SessionRow key={session.id} session={session} />}
      </DataTable>
    </Section>
  );
}

function SessionRow({ session }: { session: SignedInSession }) {
  const revoke = useRevokeMySession();
  const name = describeSession(session);
  return (
    <tr className="group hover:bg-surface-muted/50">
      <Td>
        <span className="font-medium">{name}</span>
        {session.isCurrent ? <ThisDeviceBadge /> : null}
        {session.os && session.device ? (
          <span className="block whitespace-nowrap text-fg-subtle text-xs">{session.os}</span>
        ) : null}
        {session.ip ? (
          <span className="block whitespace-nowrap text-fg-subtle text-xs">{session.ip}</span>
        ) : null}
      </Td>
      <DateTd value={session.createdAt} />
      <DateTd value={session.lastUsedAt} />
      <Td className="text-right">
        {session.isCurrent ? null : (
          <ConfirmButton
            icon={LogOut}
            aria-label={`Revoke ${name}`}
            mutation={revoke}
            variables={session.id}
            title={`Sign out ${name}?`}
            description="That browser is signed out at once and must sign in again to get back in."
            confirmLabel="Revoke session"
          >
            Revoke
          </ConfirmButton>
        )}
      </Td>
    </tr>
  );
}
