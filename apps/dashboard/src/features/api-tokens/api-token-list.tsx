import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { KeyRound, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useRevokeApiToken } from '../../api/api-tokens';
import type { ApiToken } from '../../api/types';
import { RoleBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { ConfirmDialog } from '../../components/dialog';
import { Section } from '../../components/page';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { Table, Td, Th } from '../../components/table';
import { useDateFormat } from '../../lib/date-format';

export function ApiTokenList({ query }: { query: UseInfiniteQueryResult<ApiToken[]> }) {
  return (
    <Section id="tokens" title="Tokens" isFlush>
      {query.isPending ? (
        <LoadingState label="Loading tokens…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState
          icon={KeyRound}
          title="No API tokens yet"
          description="Create a token to connect Parley to your own systems."
          className="py-10"
        />
      ) : (
        <>
          <Table label="API tokens">
            <thead>
              <tr>
                <Th>Name</Th>
                <Th>Role</Th>
                <Th>Token</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th className="w-px">
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((token) => (
                <ApiTokenRow key={token.id} token={token} />
              ))}
            </tbody>
          </Table>
          {query.hasNextPage ? (
            <div className="border-line border-t px-5 py-3">
              <Button
                size="sm"
                onClick={() => void query.fetchNextPage()}
                isPending={query.isFetchingNextPage}
              >
                Show more tokens
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Section>
  );
}

function ApiTokenRow({ token }: { token: ApiToken }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const revoke = useRevokeApiToken();
  const formatDate = useDateFormat('date');
  const formatDateTime = useDateFormat();
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
      <Td className="whitespace-nowrap text-fg-muted">
        <time dateTime={token.createdAt} title={formatDateTime(token.createdAt)}>
          {formatDate(token.createdAt)}
        </time>
      </Td>
      <Td className="whitespace-nowrap text-fg-muted">
        {token.lastUsedAt ? (
          <time dateTime={token.lastUsedAt} title={formatDateTime(token.lastUsedAt)}>
            {formatDate(token.lastUsedAt)}
          </time>
        ) : (
          'Never'
        )}
      </Td>
      <Td className="text-right">
        <Button
          variant="danger-subtle"
          size="sm"
          icon={Trash2}
          aria-label={`Revoke ${token.name}`}
          onClick={() => setIsConfirming(true)}
        >
          Revoke
        </Button>
        <ConfirmDialog
          isOpen={isConfirming}
          onClose={() => {
            setIsConfirming(false);
            revoke.reset();
          }}
          onConfirm={() => revoke.mutate(token.id, { onSuccess: () => setIsConfirming(false) })}
          title={`Revoke “${token.name}”?`}
          description="Anything using this token stops working immediately. This can't be undone."
          confirmLabel="Revoke token"
          isPending={revoke.isPending}
          error={revoke.error ? errorMessage(revoke.error) : null}
        />
      </Td>
    </tr>
  );
}
