import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Language, Preferences, Session, User } from './types';

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: ({ signal }) => api<User>('/api/v1/me', { signal }),
  });
}

export type ProfileInput = {
  name?: string;
  avatarUrl?: string | null;
  timeZone?: string;
  language?: Language;
  preferences?: Partial<Preferences>;
};

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) => api<User>('/api/v1/me', { method: 'PATCH', body: input }),
    onSuccess: (user) => {
      client.setQueryData(keys.me, user);
      // The session carries the user too (sidebar, time zone of every date on screen).
      client.setQueryData<Session>(keys.session, (session) => (session ? { ...session, user } : session));
    },
  });
}

/** Uploads a picture as the profile avatar; Parley stores and serves it. */
export function useUploadAvatar() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return api<User>('/api/v1/me/avatar', { method: 'PUT', body: form });
    },
    onSuccess: (user) => {
      client.setQueryData(keys.me, user);
      client.setQueryData<Session>(keys.session, (session) => (session ? { ...session, user } : session));
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api<void>('/api/v1/me/password', { method: 'POST', body: input }),
  });
}
