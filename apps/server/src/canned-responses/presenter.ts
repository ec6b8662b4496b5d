import type { TCannedResponse } from './schema.ts';
import type { TCannedResponseRow } from './store.ts';

export function presentCannedResponse(response: TCannedResponseRow): TCannedResponse {
  return {
    id: response.id,
    shortcut: response.shortcut,
    content: response.content,
    createdAt: response.createdAt.toISOString(),
    updatedAt: response.updatedAt.toISOString(),
  };
}
