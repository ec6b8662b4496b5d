import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { KeyRound, Trash2 } from 'lucide-react';
import { useRevokeApiToken } from '../../api/api-tokens';
import type { ApiToken } from '../../api/types';
import { RoleBadge } from '../../components/badge';
import { ConfirmButton } from '../../components/dialog';
import { Section } from '../../components/page';
import { EmptyState } from '../../components/states';
import { DataTable, DateTd, Td, Th } from '../../components/table';

type Props = { query: UseInfiniteQueryResult<ApiToken[]>; description: string };

export function ApiTokenList({ query, description }: Props) {
  return (
    <Section id="tokens" title="Tokens" description={description} isFlush>
      <DataTable
        query={query}
        label="API tokens"
        loadingLabel="Loading tokens…"
        empty={
          <EmptyState
            icon={KeyRound}
            title="No API tokens yet"
            description="Create a token to connect Parley to your own systems."
            className="py-10"
          />
        }
        columns={
          <>
            <Th>Name</Th>
            <Th>Role</Th>
            <Th>Token</Th>
            <Th>Created</Th>
            <Th>Last used</Th>
          </>
        }
        moreLabel="Show more tokens"
      >
        {(token) => <ApiTokenRow key={token.id} token={token} />}
      </DataTable>
    </Section>
  );
}

function ApiTokenRow({ token }: { token: ApiToken }) {
  const revoke = useRevokeApiToken();
  return (
    <tr className="group hover:bg-surface-muted/50">
      <Td>
        <span className="font-medium">{token.name}</span>
        {token.createdBy ? (
          <span className="block whitespace-nowrap text-fg-subtle text-xs">by {token.createdBy.name}</span>
        ) : null}
      </Td>
      <Td>
        <RoleBadge role={token.role} />
      </Td>
      <Td className="whitespace-nowrap">
        <code className="rounded bg-surface-muted px-1.5 py-0.5 font-mono text-fg-muted text-xs">
          {token.prefix}…
        </code>
      </Td>
      <DateTd value={token.createdAt} />
      <DateTd value={token.lastUsedAt} fallback="Never" />
      <Td className="text-right">
        <ConfirmButton
          icon={Trash2}
          aria-label={`Revoke ${token.name}`}
          mutation={revoke}
          variables={token.id}
          title={`Revoke “${token.name}”?`}
          description="Anything using this token stops working immediately. This can't be undone."
          confirmLabel="Revoke token"
        >
          Revoke
        </ConfirmButton>
      </Td>
    </tr>
  );
}
