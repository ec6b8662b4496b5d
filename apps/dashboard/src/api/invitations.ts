import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import { startSession } from './session';
import type { Invitation, InvitationLookup, Page, Role, Session } from './types';

export function useInvitations() {
  return useInfiniteQuery({
    queryKey: keys.invitations,
    queryFn: ({ pageParam, signal }) =>
      api<Page<Invitation>>('/api/v1/invitations', { query: { cursor: pageParam, limit: 100 }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; role: Role }) =>
      api<Invitation>('/api/v1/invitations', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.invitations }),
  });
}

export function useRevokeInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      api<void>(`/api/v1/invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.invitations }),
  });
}

/** Mails a pending invitation again, with a new link and seven more days. */
export function useResendInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      api<Invitation>(`/api/v1/invitations/${encodeURIComponent(invitationId)}/resend`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.invitations }),
  });
}

/** The link of an invitation the signed-in person sent (only they may read it). */
export function useInvitationLink() {
  return useMutation({
    mutationFn: (invitationId: string) =>
      api<{ url: string }>(`/api/v1/invitations/${encodeURIComponent(invitationId)}/link`, {
        method: 'POST',
      }),
  });
}

export function useInvitationLookup(token: string) {
  return useQuery({
    queryKey: keys.invitationLookup(token),
    queryFn: ({ signal }) =>
      api<InvitationLookup>('/api/v1/invitations/lookup', { query: { token }, signal }),
    enabled: token !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useAcceptInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; name?: string; password?: string }) =>
      api<Session>('/api/v1/invitations/accept', { method: 'POST', body: input }),
    onSuccess: (session) => startSession(client, session),
  });
}
