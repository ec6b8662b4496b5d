import { z } from 'zod';

/** One page of a list, newest or most relevant first; `nextCursor` asks for the next one (null: the last). */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export type TPage<T> = { items: T[]; nextCursor: string | null };
