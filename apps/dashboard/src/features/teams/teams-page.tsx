import { Link } from '@tanstack/react-router';
import { Plus, UserMinus, UserPlus, Users } from 'lucide-react';
import { useEffect, useState } from 'react';
import { errorMessage, formErrors } from '../../api/api-error';
import { useMembers } from '../../api/members';
import { useCreateTeam, useDeleteTeam, useTeamMembership, useTeams, useUpdateTeam } from '../../api/teams';
import type { Session, Team } from '../../api/types';
import { Alert } from '../../components/alert';
import { Avatar } from '../../components/avatar';
import { Button } from '../../components/button';
import { EditDeleteActions, EmptyList } from '../../components/editable-list';
import { EditorDialog, EditorForm, saveOf, useEditor } from '../../components/editor-dialog';
import { TextAreaField, TextField } from '../../components/field';
import { PageBody, PageHeader, Section } from '../../components/page';
import { Picker, type PickerOption } from '../../components/picker';
import { AccessDeniedPage, QueryStates, RowsSkeleton } from '../../components/states';
import { canManageCatalogue } from '../labels/labels-page';

export function TeamsPage({ session }: { session: Session }) {
  const editor = useEditor<Team>();
  const teams = useTeams();
  if (!canManageCatalogue(session)) {
    return (
      <AccessDeniedPage
        title="Teams"
        message="Only owners and admins can form teams. Every agent can assign conversations to them."
      />
    );
  }
  return (
    <>
      <PageHeader
        title="Teams"
        description="Groups of agents, like Sales or Billing, that conversations can be assigned to."
        actions={
          <Button variant="primary" icon={Plus} onClick={editor.openNew}>
            New team
          </Button>
        }
      />
      <PageBody>
        <QueryStates
          query={teams}
          loading={
            <Section id="teams-loading" title="Teams" isFlush>
              <RowsSkeleton label="Loading teams" rows={3} />
            </Section>
          }
          empty={
            <Section id="teams-empty" title="Teams" isFlush>
              <EmptyList
                icon={Users}
                title="No teams yet"
                description="Create a team, add the agents who work on it, then assign conversations to the team from the assign picker (press a)."
                createLabel="Create the first team"
                onCreate={editor.openNew}
              />
            </Section>
          }
        >
          {(items) =>
            items.map((team) => (
              <TeamCard key={team.id} team={team} session={session} onEdit={() => editor.openEdit(team)} />
            ))
          }
        </QueryStates>
      </PageBody>
      <EditorDialog
        editor={editor}
        title={(team) => (team ? `Edit ${team.name}` : 'New team')}
        description={(team) => (team ? undefined : 'You can add its members right after.')}
      >
        {(team) => <TeamForm team={team} onDone={editor.close} />}
      </EditorDialog>
    </>
  );
}

function TeamCard({ team, session, onEdit }: { team: Team; session: Session; onEdit: () => void }) {
  const [isAdding, setIsAdding] = useState(false);
  const remove = useDeleteTeam();
  const membership = useTeamMembership(team.id);
  const members = useMembers();
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = members;
  useEffect(() => {
    if (isAdding && hasNextPage && !isFetchingNextPage) {
      void fetchNextPage();
    }
  }, [isAdding, hasNextPage, isFetchingNextPage, fetchNextPage]);
  const onTeam = new Set(team.members.map((member) => member.userId));
  const candidates: PickerOption[] = (members.data ?? [])
    .filter((member) => !onTeam.has(member.userId))
    .map((member) => ({
      id: member.userId,
      label: member.name || member.email,
      keywords: member.email,
      detail: member.userId === session.user.id ? 'you' : undefined,
      icon: <Avatar name={member.name || member.email} url={member.avatarUrl} size="xs" />,
    }));
  const pendingUser = membership.isPending ? membership.variables?.userId : undefined;
  const headingId = `team-${team.id}`;

  return (
    <Section
      id={headingId}
      title={team.name}
      description={
        <>
          {team.description ? `${team.description} · ` : ''}
          {team.members.length} {team.members.length === 1 ? 'member' : 'members'}
        </>
      }
      actions={
        <div className="flex shrink-0 items-center gap-1">
          <Link
            to="/conversations"
            search={{ view: `team:${team.id}` }}
            className="mr-2 hidden font-medium text-[0.8125rem] text-accent-text hover:underline sm:inline"
          >
            Conversations
          </Link>
          <EditDeleteActions
            name={team.name}
            onEdit={onEdit}
            remove={remove}
            id={team.id}
            confirmTitle={`Delete ${team.name}?`}
            confirmDescription="Its conversations stay where they are, with no team. Its members stay in the workspace."
            confirmLabel="Delete team"
          />
        </div>
      }
      isFlush
      hasPopovers
    >
      {team.members.length === 0 ? (
        <p className="px-5 py-4 text-fg-muted">
          No one is on this team yet. Add the agents who handle its conversations.
        </p>
      ) : (
        <ul aria-label={`Members of ${team.name}`} className="divide-y divide-line">
          {team.members.map((member) => (
            <li key={member.userId} className="flex items-center gap-3 px-5 py-2.5">
              <Avatar name={member.name || member.email} url={member.avatarUrl} />
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">
                  {member.name || member.email}
                  {member.userId === session.user.id ? (
                    <span className="ml-1.5 font-normal text-fg-subtle text-xs">(you)</span>
                  ) : null}
                </p>
                <p className="truncate text-[0.8125rem] text-fg-muted">{member.email}</p>
              </div>
              <Button
                variant="ghost"
                size="sm"
                icon={UserMinus}
                aria-label={`Remove ${member.name || member.email} from ${team.name}`}
                isPending={pendingUser === member.userId}
                onClick={() => membership.mutate({ userId: member.userId, isMember: false })}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="border-line border-t px-5 py-3">
        <Picker
          isOpen={isAdding}
          onOpenChange={setIsAdding}
          title={`Add someone to ${team.name}`}
          trigger={
            <>
              <UserPlus aria-hidden className="size-3.5" />
              Add member
            </>
          }
          triggerClassName="inline-flex h-7 items-center gap-1.5 rounded-control border border-line-strong bg-surface px-2.5 font-medium text-[0.8125rem] text-fg shadow-card hover:bg-surface-hover aria-expanded:bg-surface-hover"
          searchPlaceholder="Search workspace members…"
          isLoading={members.isPending}
          emptyText={
            (members.data?.length ?? 0) > 0 && candidates.length === 0
              ? 'Everyone in the workspace is on this team.'
              : 'No member matches'
          }
          options={candidates}
          onSelect={(option) => membership.mutate({ userId: option.id, isMember: true })}
        />
        {membership.isError ? (
          <Alert className="mt-3">
            {membership.variables?.isMember ? 'Couldn’t add them.' : 'Couldn’t remove them.'}{' '}
            {errorMessage(membership.error)}
          </Alert>
        ) : null}
      </div>
    </Section>
  );
}

function TeamForm({ team, onDone }: { team: Team | null; onDone: () => void }) {
  const [name, setName] = useState(team?.name ?? '');
  const [description, setDescription] = useState(team?.description ?? '');
  const [showErrors, setShowErrors] = useState(false);
  const save = saveOf(team?.id, useCreateTeam(), useUpdateTeam());
  const server = formErrors(save.error, ['name', 'description']);
  const nameError = name.trim() === '' ? 'Give the team a name.' : undefined;

  const onSubmit = () => {
    setShowErrors(true);
    if (nameError) {
      return;
    }
    save.mutate({ name: name.trim(), description: description.trim() || null }, { onSuccess: onDone });
  };

  return (
    <EditorForm
      onSubmit={onSubmit}
      onCancel={onDone}
      submitLabel={team ? 'Save team' : 'Create team'}
      isPending={save.isPending}
      error={server.form}
    >
      <TextField
        label="Name"
        name="team-name"
        autoComplete="off"
        autoFocus
        maxLength={100}
        placeholder="e.g. Billing"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={(showErrors ? nameError : undefined) ?? server.fields.name}
      />
      <TextAreaField
        label="Description"
        hint="Optional: what the team handles."
        rows={2}
        maxLength={500}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
        error={server.fields.description}
      />
    </EditorForm>
  );
}
