import { Check, ChevronsUpDown, Plus } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { useSwitchWorkspace } from '../../api/session';
import type { Session } from '../../api/types';
import { useWorkspaceSettings } from '../../api/workspace-settings';
import { ROLE_LABEL } from '../../components/badge';
import { Popover, popoverItemClass } from '../../components/popover';
import { WorkspaceLogo } from '../workspace/workspace-logo';
import { CreateWorkspaceDialog } from './create-workspace-dialog';

function WorkspaceInitial({ name }: { name: string }) {
  return (
    <span
      aria-hidden
      className="flex size-6 shrink-0 items-center justify-center rounded-[0.3125rem] bg-fg font-semibold text-[0.6875rem] text-surface"
    >
      {name.trim().charAt(0).toUpperCase() || '?'}
    </span>
  );
}

/** The current workspace's logo (its settings say whether it has one), else its initial. */
function CurrentWorkspaceLogo({ name, hasWorkspace }: { name: string; hasWorkspace: boolean }) {
  const settings = useWorkspaceSettings({ isEnabled: hasWorkspace });
  return <WorkspaceLogo name={name} logoUrl={hasWorkspace ? (settings.data?.logoUrl ?? null) : null} />;
}

export function WorkspaceSwitcher({ session }: { session: Session }) {
  const [isCreating, setIsCreating] = useState(false);
  const switchWorkspace = useSwitchWorkspace();
  const current = session.workspace;

  return (
    <>
      <Popover
        testId="workspace-switcher"
        triggerClassName="flex w-full items-center gap-2 rounded-control border border-line bg-surface px-2 py-1.5 text-left shadow-card hover:bg-surface-hover aria-expanded:bg-surface-hover"
        trigger={
          <>
            <CurrentWorkspaceLogo name={current?.name ?? '?'} hasWorkspace={current !== null} />
            <span className="min-w-0 flex-1 truncate font-medium text-fg text-sm">
              {/* Named by its content, so the name on screen is the name heard ("Switch workspace, Acme"). */}
              <span className="sr-only">
                {current ? 'Switch workspace, current: ' : 'Choose a workspace: '}
              </span>
              {current?.name ?? 'No workspace'}
            </span>
            <ChevronsUpDown aria-hidden className="size-4 shrink-0 text-fg-subtle" />
          </>
        }
      >
        {(close) => (
          <>
            <p className="px-2 pt-1 pb-1.5 font-medium text-fg-subtle text-xs">Workspaces</p>
            <ul>
              {session.workspaces.map((workspace) => {
                const isCurrent = workspace.id === current?.id;
                return (
                  <li key={workspace.id}>
                    <button
                      type="button"
                      className={popoverItemClass}
                      aria-current={isCurrent ? 'true' : undefined}
                      disabled={switchWorkspace.isPending}
                      onClick={() => {
                        if (isCurrent) {
                          close();
                          return;
                        }
                        switchWorkspace.mutate(workspace.id, { onSuccess: close });
                      }}
                    >
                      <WorkspaceInitial name={workspace.name} />
                      <span className="min-w-0 flex-1">
                        <span className="block truncate">{workspace.name}</span>
                        <span className="block text-fg-subtle text-xs">{ROLE_LABEL[workspace.role]}</span>
                      </span>
                      {isCurrent ? <Check aria-hidden className="size-4 text-accent-text" /> : null}
                    </button>
                  </li>
                );
              })}
            </ul>
            {switchWorkspace.isError ? (
              <p role="alert" className="px-2 py-1.5 text-danger-text text-xs">
                {errorMessage(switchWorkspace.error)}
              </p>
            ) : null}
            <div className="my-1 h-px bg-line" />
            <button
              type="button"
              className={popoverItemClass}
              onClick={() => {
                close();
                setIsCreating(true);
              }}
            >
              <Plus aria-hidden className="size-4 text-fg-subtle" />
              Create workspace
            </button>
          </>
        )}
      </Popover>
      <CreateWorkspaceDialog isOpen={isCreating} onClose={() => setIsCreating(false)} />
    </>
  );
}
