import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError, isUnauthenticated } from './api-error';
import { keys } from './keys';

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A 4xx will not fix itself; network errors and 5xx get two more tries.
  if (isApiError(error) && error.status < 500) {
    return false;
  }
  return failureCount < 2;
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      // Any read that finds the session gone re-checks the session; the shell then sends the
      // person to sign-in instead of leaving a page of half-failed requests.
      if (isUnauthenticated(error) && query.queryKey[0] !== keys.session[0]) {
        void queryClient.invalidateQueries({ queryKey: keys.session });
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: shouldRetry,
    },
    mutations: {
      retry: false,
    },
  },
});
