import type { TInvitation, TMemberRow } from './store.ts';

export function presentMember(m: TMemberRow) {
  return {
    id: m.id,
    userId: m.userId,
    email: m.email,
    name: m.name,
    avatarUrl: m.avatarUrl,
    role: m.role,
    createdAt: m.createdAt.toISOString(),
  };
}

export function presentInvitation(
  i: Pick<TInvitation, 'id' | 'email' | 'role' | 'expiresAt' | 'createdAt'> & {
    invitedById: string | null;
    invitedByName: string | null;
  },
) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    expiresAt: i.expiresAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    invitedBy: i.invitedById ? { id: i.invitedById, name: i.invitedByName ?? '' } : null,
  };
}
