import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { queryClient } from './api/query-client';
import { reloadForUpdates } from './lib/reload-for-update';
import { startTheme } from './lib/theme';
import { router } from './router';
import './styles.css';

startTheme();
reloadForUpdates();

const container = document.getElementById('root');
if (!container) {
  throw new Error('index.html must contain <div id="root">.');
}

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
