import {
  CANNED_VARIABLES,
  type TCannedVariable,
  unknownCannedVariables,
  unknownVariablesMessage,
} from '@parley/shared/canned-responses';
import { Braces, MessageSquareText, Plus, Search, SearchX } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { formErrors } from '../../api/api-error';
import {
  useCannedResponses,
  useCreateCannedResponse,
  useDeleteCannedResponse,
  useUpdateCannedResponse,
} from '../../api/canned-responses';
import { useSession } from '../../api/session';
import type { CannedResponse } from '../../api/types';
import { Button } from '../../components/button';
import { EditableList, EditDeleteActions, EmptyList } from '../../components/editable-list';
import { EditorDialog, EditorForm, saveOf, useEditor } from '../../components/editor-dialog';
import { TextAreaField, TextField } from '../../components/field';
import { Kbd } from '../../components/kbd';
import { PageBody, PageHeader, Section } from '../../components/page';
import { EmptyState, Spinner } from '../../components/states';
import { CannedPreview } from './canned-preview';

const SHORTCUT = /^[a-z0-9_-]{1,40}$/;

/** Saved replies: any agent may add, change and delete them. */
export function CannedResponsesPage() {
  const editor = useEditor<CannedResponse>();
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
          <Button variant="primary" icon={Plus} onClick={editor.openNew}>
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
          <EditableList
            query={responses}
            loadingLabel="Loading canned responses"
            empty={
              isSearching ? (
                <EmptyState
                  icon={SearchX}
                  title="No response matches"
                  description={`Nothing has “${debounced.trim()}” in its shortcut or text.`}
                  className="py-10"
                />
              ) : (
                <EmptyList
                  icon={MessageSquareText}
                  title="No canned responses yet"
                  description="Save the answers you give again and again (refund policy, opening hours…) and insert them with / in any conversation."
                  createLabel="Save the first response"
                  onCreate={editor.openNew}
                />
              )
            }
          >
            {(response) => (
              <ResponseRow key={response.id} response={response} onEdit={() => editor.openEdit(response)} />
            )}
          </EditableList>
        </Section>
      </PageBody>
      <EditorDialog
        editor={editor}
        title={(response) => (response ? `Edit /${response.shortcut}` : 'New canned response')}
        size="lg"
      >
        {(response) => <ResponseForm response={response} onDone={editor.close} />}
      </EditorDialog>
    </>
  );
}

function ResponseRow({ response, onEdit }: { response: CannedResponse; onEdit: () => void }) {
  const remove = useDeleteCannedResponse();
  return (
    <li className="flex items-start gap-3 px-5 py-3">
      <div className="min-w-0 flex-1">
        <p className="font-medium font-mono text-[0.8125rem] text-accent-text">/{response.shortcut}</p>
        <p className="mt-0.5 line-clamp-2 whitespace-pre-line break-words text-fg-muted">
          {response.content}
        </p>
      </div>
      <EditDeleteActions
        name={`/${response.shortcut}`}
        onEdit={onEdit}
        remove={remove}
        id={response.id}
        confirmTitle={`Delete /${response.shortcut}?`}
        confirmDescription="Nobody in the workspace will be able to insert it any more. Messages already sent keep their text."
        confirmLabel="Delete response"
      />
    </li>
  );
}

/** A made-up contact for the editor's preview; the agent and the workspace are the real ones. */
const SAMPLE_CONTACT = { name: 'Alex Morgan', email: 'alex@example.com' };

function ResponseForm({ response, onDone }: { response: CannedResponse | null; onDone: () => void }) {
  const [shortcut, setShortcut] = useState(response?.shortcut ?? '');
  const [content, setContent] = useState(response?.content ?? '');
  const [showErrors, setShowErrors] = useState(false);
  const save = saveOf(response?.id, useCreateCannedResponse(), useUpdateCannedResponse());
  const session = useSession().data;
  const contentRef = useRef<HTMLTextAreaElement>(null);
  const server = formErrors(save.error, ['shortcut', 'content']);
  const unknown = unknownCannedVariables(content);
  const clientErrors = {
    shortcut: SHORTCUT.test(shortcut) ? undefined : 'Use 1 to 40 lower-case letters, digits, - or _.',
    content:
      content.trim() === ''
        ? 'Write the response.'
        : unknown.length > 0
          ? `${unknownVariablesMessage(unknown)}.`
          : undefined,
  };
  // A misspelt variable is flagged as it is typed, not only when saving.
  const contentError =
    (showErrors || unknown.length > 0 ? clientErrors.content : undefined) ?? server.fields.content;

  const onSubmit = () => {
    setShowErrors(true);
    if (clientErrors.shortcut || clientErrors.content) {
      return;
    }
    save.mutate({ shortcut, content: content.trim() }, { onSuccess: onDone });
  };

  const insertVariable = (name: TCannedVariable) => {
    const textarea = contentRef.current;
    const start = textarea?.selectionStart ?? content.length;
    const end = textarea?.selectionEnd ?? content.length;
    const variable = `{{${name}}}`;
    setContent(`${content.slice(0, start)}${variable}${content.slice(end)}`);
    window.requestAnimationFrame(() => {
      textarea?.focus();
      textarea?.setSelectionRange(start + variable.length, start + variable.length);
    });
  };

  return (
    <EditorForm
      onSubmit={onSubmit}
      onCancel={onDone}
      submitLabel="Save response"
      isPending={save.isPending}
      error={server.form}
    >
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
        ref={contentRef}
        label="Response"
        rows={7}
        maxLength={5000}
        placeholder="Hi {{contact.first_name}}! Refunds are processed within 5 business days of us receiving the item…"
        value={content}
        onChange={(event) => setContent(event.target.value)}
        hint={`${content.length} / 5000 characters`}
        error={contentError}
      />
      <fieldset className="space-y-1.5">
        <legend className="mb-1.5 flex items-center gap-1.5 font-medium text-[0.8125rem] text-fg">
          <Braces aria-hidden className="size-3.5 text-fg-subtle" />
          Insert a variable
        </legend>
        <div className="flex flex-wrap gap-1.5">
          {(Object.keys(CANNED_VARIABLES) as TCannedVariable[]).map((name) => (
            <button
              key={name}
              type="button"
              title={CANNED_VARIABLES[name].label}
              onClick={() => insertVariable(name)}
              className="rounded-control border border-line bg-surface-muted px-1.5 py-0.5 font-mono text-fg-muted text-xs hover:border-line-strong hover:text-fg"
            >
              {`{{${name}}}`}
            </button>
          ))}
        </div>
        <p className="text-fg-subtle text-xs">
          Filled in when an agent inserts the response. A missing name becomes “there”, any other missing
          value becomes nothing.
        </p>
      </fieldset>
      <section aria-label="Preview" className="rounded-card border border-line bg-canvas px-3 py-2.5">
        <p className="mb-1 font-medium text-fg-muted text-xs">
          Preview for {SAMPLE_CONTACT.name}, a sample contact
        </p>
        <p className="whitespace-pre-line break-words text-[0.8125rem] text-fg">
          {content.trim() ? (
            <CannedPreview
              content={content}
              values={{ contact: SAMPLE_CONTACT, agent: session?.user, workspace: session?.workspace }}
            />
          ) : (
            <span className="text-fg-subtle">The response as the visitor will read it shows here.</span>
          )}
        </p>
      </section>
    </EditorForm>
  );
}
