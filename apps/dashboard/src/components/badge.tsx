import type { JobState, Role } from '../api/types';

const BASE = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap';

const ROLE_CLASS: Record<Role, string> = {
  owner: 'bg-accent-soft text-accent-text',
  admin: 'bg-info-soft text-info-text',
  agent: 'bg-surface-muted text-fg-muted',
};

export const ROLE_LABEL: Record<Role, string> = { owner: 'Owner', admin: 'Admin', agent: 'Agent' };

const ROLES_ASCENDING: readonly Role[] = ['agent', 'admin', 'owner'];

/** The roles someone with this role may give (nobody gives a role above their own; the server refuses it). */
export function rolesUpTo(role: Role | null): Role[] {
  return ROLES_ASCENDING.slice(0, ROLES_ASCENDING.indexOf(role ?? 'agent') + 1);
}

export function RoleBadge({ role }: { role: Role }) {
  return <span className={`${BASE} ${ROLE_CLASS[role]}`}>{ROLE_LABEL[role]}</span>;
}

const STATE_CLASS: Record<JobState, string> = {
  created: 'bg-surface-muted text-fg-muted',
  retry: 'bg-warning-soft text-warning-text',
  active: 'bg-info-soft text-info-text',
  completed: 'bg-success-soft text-success-text',
  failed: 'bg-danger-soft text-danger-text',
  cancelled: 'bg-surface-muted text-fg-subtle',
};

export const JOB_STATE_LABEL: Record<JobState, string> = {
  created: 'Queued',
  retry: 'Retrying',
  active: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function JobStateBadge({ state }: { state: JobState }) {
  return <span className={`${BASE} ${STATE_CLASS[state]}`}>{JOB_STATE_LABEL[state]}</span>;
}

/** Marks the session (browser) the list is being viewed from. */
export function ThisDeviceBadge() {
  return <span className={`${BASE} ml-2 bg-success-soft text-success-text`}>This device</span>;
}
