import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// The dashboard is served by the API server under /app/. In development, `vite` proxies
// /api to a running server (PARLEY_API_URL, default http://localhost:3000) so cookies stay
// same-origin, exactly as in production.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, new URL('.', import.meta.url).pathname, 'PARLEY_');
  const apiUrl = env.PARLEY_API_URL ?? 'http://localhost:3000';
  return {
    base: '/app/',
    plugins: [react(), tailwindcss()],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      // Production serves no source maps (the server refuses *.map as well).
      sourcemap: false,
    },
    server: {
      port: 5173,
      proxy: {
        '/api': { target: apiUrl, changeOrigin: false, ws: true },
      },
    },
  };
});
