import { MessageSquareText, Pencil, Plus, Search, SearchX, Trash2 } from 'lucide-react';
import { type FormEvent, useEffect, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import {
  useCannedResponses,
  useCreateCannedResponse,
  useDeleteCannedResponse,
  useUpdateCannedResponse,
} from '../../api/canned-responses';
import type { CannedResponse } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { ConfirmDialog, Dialog } from '../../components/dialog';
import { TextAreaField, TextField } from '../../components/field';
import { Kbd } from '../../components/kbd';
import { PageBody, PageHeader, Section } from '../../components/page';
import { EmptyState, ErrorState, RowsSkeleton, Spinner } from '../../components/states';

type Editing = { kind: 'new' } | { kind: 'edit'; response: CannedResponse } | null;

const SHORTCUT = /^[a-z0-9_-]{1,40}$/;

/** Saved replies: any agent may add, change and delete them. */
export function CannedResponsesPage() {
  const [editing, setEditing] = useState<Editing>(null);
  const [search, setSearch] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(search), 200);
    return () => window.clearTimeout(timer);
  }, [search]);
  const responses = useCannedResponses(debounced);
  const isSearching = debounced.trim() !== '';

  return (
    <>
      <PageHeader
        title="Canned responses"
        description={
          <>
            Saved replies everyone in the workspace can insert: type <Kbd>/</Kbd> and the shortcut in the
            composer.
          </>
        }
        actions={
          <Button variant="primary" icon={Plus} onClick={() => setEditing({ kind: 'new' })}>
            New response
          </Button>
        }
      />
      <PageBody>
        <Section
          id="canned-responses"
          title="Responses"
          description={
            responses.data
              ? `${responses.data.length} ${responses.data.length === 1 ? 'response' : 'responses'}${isSearching ? ' found' : ''}`
              : undefined
          }
          isFlush
        >
          <div className="border-line border-b px-5 py-3">
            <div className="relative max-w-sm">
              <Search
                aria-hidden
                className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-fg-subtle"
              />
              <input
                type="search"
                aria-label="Search canned responses"
                placeholder="Search shortcuts and text…"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                className="h-9 w-full rounded-control border border-line-strong bg-surface pr-8 pl-8.5 text-fg text-sm shadow-card placeholder:text-fg-subtle focus:border-accent focus:outline-none focus:ring-3 focus:ring-accent/25"
              />
              {responses.isFetching && responses.data ? (
                <Spinner className="absolute top-1/2 right-2.5 size-4 -translate-y-1/2" />
              ) : null}
            </div>
          </div>
          {responses.isPending ? (
            <RowsSkeleton label="Loading canned responses" />
          ) : responses.isError ? (
            <ErrorState error={responses.error} onRetry={() => void responses.refetch()} />
          ) : responses.data.length === 0 ? (
            isSearching ? (
              <EmptyState
                icon={SearchX}
                title="No response matches"
                description={`Nothing has “${debounced.trim()}” in its shortcut or text.`}
                className="py-10"
              />
            ) : (
              <EmptyState
                icon={MessageSquareText}
                title="No canned responses yet"
                description="Save the answers you give again and again (refund policy, opening hours…) and insert them with / in any conversation."
                action={
                  <Button variant="primary" icon={Plus} onClick={() => setEditing({ kind: 'new' })}>
                    Save the first response
                  </Button>
                }
                className="py-10"
              />
            )
          ) : (
            <ul className="divide-y divide-line">
              {responses.data.map((response) => (
                <ResponseRow
                  key={response.id}
                  response={response}
                  onEdit={() => setEditing({ kind: 'edit', response })}
                />
              ))}
            </ul>
          )}
        </Section>
      </PageBody>
      <Dialog
        isOpen={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.kind === 'edit' ? `Edit /${editing.response.shortcut}` : 'New canned response'}
        size="lg"
      >
        {editing ? (
          <ResponseForm
            key={editing.kind === 'edit' ? editing.response.id : 'new'}
            response={editing.kind === 'edit' ? editing.response : null}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Dialog>
    </>
  );
}

function ResponseRow({ response, onEdit }: { response: CannedResponse; onEdit: () => void }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const remove = useDeleteCannedResponse();
  return (
    <li className="flex items-start gap-3 px-5 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium font-mono text-[0.8125rem] text-accent-text">/{response.shortcut}</p>
        <p className="mt-0.5 line-clamp-2 whitespace-pre-line text-fg-muted">{response.content}</p>
      </div>
      <Button
        variant="ghost"
        size="sm"
        icon={Pencil}
        aria-label={`Edit /${response.shortcut}`}
        onClick={onEdit}
      >
        Edit
      </Button>
      <Button
        variant="danger-subtle"
        size="sm"
        icon={Trash2}
        aria-label={`Delete /${response.shortcut}`}
        onClick={() => setIsConfirming(true)}
      >
        Delete
      </Button>
      <ConfirmDialog
        isOpen={isConfirming}
        onClose={() => {
          setIsConfirming(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(response.id, { onSuccess: () => setIsConfirming(false) })}
        title={`Delete /${response.shortcut}?`}
        description="Nobody in the workspace will be able to insert it any more. Messages already sent keep their text."
        confirmLabel="Delete response"
        isPending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
      />
    </li>
  );
}

function ResponseForm({ response, onDone }: { response: CannedResponse | null; onDone: () => void }) {
  const [shortcut, setShortcut] = useState(response?.shortcut ?? '');
  const [content, setContent] = useState(response?.content ?? '');
  const [showErrors, setShowErrors] = useState(false);
  const create = useCreateCannedResponse();
  const update = useUpdateCannedResponse();
  const mutation = response ? update : create;
  const server = formErrors(mutation.error, ['shortcut', 'content']);
  const clientErrors = {
    shortcut: SHORTCUT.test(shortcut) ? undefined : 'Use 1 to 40 lower-case letters, digits, - or _.',
    content: content.trim() === '' ? 'Write the response.' : undefined,
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShowErrors(true);
    if (clientErrors.shortcut || clientErrors.content) {
      return;
    }
    const input = { shortcut, content: content.trim() };
    if (response) {
      update.mutate({ id: response.id, ...input }, { onSuccess: onDone });
    } else {
      create.mutate(input, { onSuccess: onDone });
    }
  };

  return (
    <form className="space-y-4" onSubmit={onSubmit} noValidate>
      <TextField
        label="Shortcut"
        name="shortcut"
        autoComplete="off"
        autoFocus
        spellCheck={false}
        maxLength={40}
        placeholder="refund-policy"
        value={shortcut}
        onChange={(event) => setShortcut(event.target.value.toLowerCase().replace(/\s+/g, '-'))}
        hint={
          <>
            Agents type <span className="font-mono">/{shortcut || 'shortcut'}</span> to find it. Lower-case
            letters, digits, - and _.
          </>
        }
        error={(showErrors ? clientErrors.shortcut : undefined) ?? server.fields.shortcut}
        className="font-mono"
      />
      <TextAreaField
        label="Response"
        rows={7}
        maxLength={5000}
        placeholder="Hi! Refunds are processed within 5 business days of us receiving the item…"
        value={content}
        onChange={(event) => setContent(event.target.value)}
        hint={`${content.length} / 5000 characters`}
        error={(showErrors ? clientErrors.content : undefined) ?? server.fields.content}
      />
      {server.form ? <Alert>{server.form}</Alert> : null}
      <div className="flex justify-end gap-2">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" isPending={mutation.isPending}>
          Save response
        </Button>
      </div>
    </form>
  );
}
