import type { TLabel } from './schema.ts';
import type { TLabelRow } from './store.ts';

export function presentLabel(label: TLabelRow): TLabel {
  return {
    id: label.id,
    name: label.name,
    color: label.color,
    description: label.description,
    createdAt: label.createdAt.toISOString(),
    updatedAt: label.updatedAt.toISOString(),
  };
}
