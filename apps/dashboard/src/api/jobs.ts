import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import { keys } from './keys';
import type { JobState, JobsPage } from './types';

export function useJobs(state: JobState | null) {
  return useInfiniteQuery({
    queryKey: keys.jobs(state),
    queryFn: ({ pageParam, signal }) =>
      api<JobsPage>('/api/v1/jobs', { query: { state, cursor: pageParam, limit: 50 }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    select: (data) => ({
      items: data.pages.flatMap((page) => page.items),
      counts: data.pages[0]?.counts ?? null,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}
