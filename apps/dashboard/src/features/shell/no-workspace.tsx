import { Building2 } from 'lucide-react';
import { errorMessage } from '../../api/api-error';
import { useSwitchWorkspace } from '../../api/session';
import type { WorkspaceMembership } from '../../api/types';
import { Alert } from '../../components/alert';
import { Button } from '../../components/button';
import { PageBody, PageHeader, Section } from '../../components/page';
import { CreateWorkspaceForm } from './create-workspace-dialog';

/** Shown when the session has no current workspace (left the last one, or removed from it). */
export function NoWorkspace({ workspaces }: { workspaces: WorkspaceMembership[] }) {
  const switchWorkspace = useSwitchWorkspace();
  return (
    <>
      <PageHeader
        title={workspaces.length > 0 ? 'Choose a workspace' : 'Create a workspace'}
        description={
          workspaces.length > 0
            ? "You're signed in but not working in a workspace right now."
            : "You're not a member of any workspace yet. Create one, or ask a teammate to invite you."
        }
      />
      <PageBody>
        {workspaces.length > 0 ? (
          <Section id="your-workspaces" title="Your workspaces" isFlush>
            <ul className="divide-y divide-line">
              {workspaces.map((workspace) => (
                <li key={workspace.id} className="flex items-center gap-3 px-5 py-3">
                  <Building2 aria-hidden className="size-4 text-fg-subtle" />
                  <span className="flex-1 font-medium">{workspace.name}</span>
                  <Button
                    size="sm"
                    aria-label={`Open ${workspace.name}`}
                    isPending={switchWorkspace.isPending && switchWorkspace.variables === workspace.id}
                    onClick={() => switchWorkspace.mutate(workspace.id)}
                  >
                    Open
                  </Button>
                </li>
              ))}
            </ul>
            {switchWorkspace.isError ? (
              <div className="px-5 pb-4">
                <Alert>{errorMessage(switchWorkspace.error)}</Alert>
              </div>
            ) : null}
          </Section>
        ) : null}
        <Section
          id="new-workspace"
          title="Create workspace"
          description="You'll be its owner and can invite your team."
        >
          <div className="max-w-sm">
            <CreateWorkspaceForm />
          </div>
        </Section>
      </PageBody>
    </>
  );
}
