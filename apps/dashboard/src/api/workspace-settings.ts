import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { Language, WorkspaceSettings } from './types';

export function useWorkspaceSettings({ isEnabled = true }: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: keys.workspaceSettings,
    queryFn: ({ signal }) => api<WorkspaceSettings>('/api/v1/workspace', { signal }),
    enabled: isEnabled,
  });
}

export type WorkspaceSettingsInput = {
  name?: string;
  defaultLanguage?: Language;
  defaultTimeZone?: string;
  autoAssignOnReply?: boolean;
};

/** Saved settings replace the cached ones; the session carries the name (sidebar, switcher). */
function useSaved() {
  const client = useQueryClient();
  return (settings: WorkspaceSettings) => {
    client.setQueryData(keys.workspaceSettings, settings);
    return Promise.all([
      client.invalidateQueries({ queryKey: keys.session }),
      client.invalidateQueries({ queryKey: keys.workspaces }),
    ]);
  };
}

export function useUpdateWorkspaceSettings() {
  const onSuccess = useSaved();
  return useMutation({
    mutationFn: (input: WorkspaceSettingsInput) =>
      api<WorkspaceSettings>('/api/v1/workspace', { method: 'PATCH', body: input }),
    onSuccess,
  });
}

export function useUploadWorkspaceLogo() {
  const onSuccess = useSaved();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return api<WorkspaceSettings>('/api/v1/workspace/logo', { method: 'PUT', body: form });
    },
    onSuccess,
  });
}

export function useRemoveWorkspaceLogo() {
  const onSuccess = useSaved();
  return useMutation({
    mutationFn: () => api<WorkspaceSettings>('/api/v1/workspace/logo', { method: 'DELETE' }),
    onSuccess,
  });
}
