import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Label } from './types';

const labelPath = (id: string) => `/api/v1/labels/${encodeURIComponent(id)}`;

export function useLabels() {
  return useQuery({
    queryKey: keys.labels,
    queryFn: ({ signal }) => api<{ items: Label[] }>('/api/v1/labels', { signal }),
    select: (data) => data.items,
  });
}

export type LabelInput = { name: string; color: string; description: string | null };

export function useCreateLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LabelInput) => api<Label>('/api/v1/labels', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.labels }),
  });
}

export function useUpdateLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: LabelInput & { id: string }) =>
      api<Label>(labelPath(id), { method: 'PATCH', body: input }),
    // A renamed or recoloured label shows on conversations too: they are reread when next shown.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.labels }),
        client.invalidateQueries({ queryKey: keys.conversationLists }),
      ]),
  });
}

export function useDeleteLabel() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(labelPath(id), { method: 'DELETE' }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.labels }),
        client.invalidateQueries({ queryKey: keys.conversationLists }),
      ]),
  });
}
