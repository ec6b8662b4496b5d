import { Link } from '@tanstack/react-router';
import {
  BookUser,
  Building2,
  Inbox,
  KeyRound,
  ListChecks,
  type LucideIcon,
  Mail,
  MessageSquareText,
  MessagesSquare,
  Search,
  Tag,
  UserRound,
  Users,
  UsersRound,
} from 'lucide-react';
import type { ReactNode } from 'react';
import { useDevMailbox } from '../../api/dev-mailbox';
import type { Session } from '../../api/types';
import { Logo } from '../../components/logo';
import { NotificationsBell } from '../notifications/notifications-bell';
import { UserMenu } from './user-menu';
import { WorkspaceSwitcher } from './workspace-switcher';

type NavTo =
  | '/conversations'
  | '/contacts'
  | '/search'
  | '/settings/profile'
  | '/settings/workspace'
  | '/settings/members'
  | '/settings/inboxes'
  | '/settings/labels'
  | '/settings/teams'
  | '/settings/canned-responses'
  | '/settings/api-tokens'
  | '/settings/jobs'
  | '/dev-mailbox';

function NavItem({ to, icon: Icon, children }: { to: NavTo; icon: LucideIcon; children: ReactNode }) {
  return (
    <li>
      <Link
        to={to}
        className="flex h-8 items-center gap-2.5 rounded-control px-2.5 text-fg-muted text-sm transition-colors hover:bg-surface-hover hover:text-fg"
        activeProps={{ className: 'bg-surface-hover !text-fg font-medium', 'aria-current': 'page' }}
      >
        <Icon aria-hidden className="size-4 shrink-0" />
        <span className="truncate">{children}</span>
      </Link>
    </li>
  );
}

function NavGroup({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="mt-5">
      <p className="mb-1 px-2.5 font-medium text-fg-subtle text-xs">{label}</p>
      <ul className="space-y-0.5">{children}</ul>
    </div>
  );
}

/** The app's navigation: a column on wide screens, the content of the menu drawer on narrow ones. */
export function Sidebar({ session, className = '' }: { session: Session; className?: string }) {
  const devMailbox = useDevMailbox();
  const hasWorkspace = session.workspace !== null;
  const canManage = session.role === 'owner' || session.role === 'admin';

  return (
    <aside className={`flex shrink-0 flex-col border-line border-r bg-canvas ${className}`}>
      <div className="flex items-center justify-between gap-2 px-4 pt-4 pb-3">
        <Logo />
        {hasWorkspace ? <NotificationsBell media="(min-width: 64rem)" align="start" /> : null}
      </div>
      <div className="px-3">
        <WorkspaceSwitcher session={session} />
      </div>
      <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 pt-3 pb-4">
        {hasWorkspace ? (
          <ul className="space-y-0.5">
            <NavItem to="/conversations" icon={MessagesSquare}>
              Conversations
            </NavItem>
            <NavItem to="/contacts" icon={BookUser}>
              Contacts
            </NavItem>
            <NavItem to="/search" icon={Search}>
              Search
            </NavItem>
          </ul>
        ) : null}
        <NavGroup label="Settings">
          <NavItem to="/settings/profile" icon={UserRound}>
            Profile
          </NavItem>
          {hasWorkspace ? (
            <>
              {/* Everyone sees the workspace settings; only admins and owners can change them. */}
              <NavItem to="/settings/workspace" icon={Building2}>
                Workspace
              </NavItem>
              <NavItem to="/settings/canned-responses" icon={MessageSquareText}>
                Canned responses
              </NavItem>
            </>
          ) : null}
          {hasWorkspace && canManage ? (
            <>
              <NavItem to="/settings/members" icon={Users}>
                Members
              </NavItem>
              <NavItem to="/settings/inboxes" icon={Inbox}>
                Inboxes
              </NavItem>
              <NavItem to="/settings/labels" icon={Tag}>
                Labels
              </NavItem>
              <NavItem to="/settings/teams" icon={UsersRound}>
                Teams
              </NavItem>
              <NavItem to="/settings/api-tokens" icon={KeyRound}>
                API tokens
              </NavItem>
              <NavItem to="/settings/jobs" icon={ListChecks}>
                Background jobs
              </NavItem>
            </>
          ) : null}
        </NavGroup>
        {devMailbox.data?.enabled ? (
          <NavGroup label="Developer">
            <NavItem to="/dev-mailbox" icon={Mail}>
              Developer mailbox
            </NavItem>
          </NavGroup>
        ) : null}
      </nav>
      <div className="border-line border-t p-3">
        <UserMenu user={session.user} hasWorkspace={hasWorkspace} />
      </div>
    </aside>
  );
}
