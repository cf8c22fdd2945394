/**
 * Vite build of the web app. Production output goes to dist/, which the server serves
 * (buildApp({ webRoot })). In development the API, health and readiness routes are proxied to the
 * server on 127.0.0.1:3000 so cookies stay same-origin.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.KETAFLOW_API_ORIGIN ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
      '/readyz': { target: api },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts: never inline the module preload helper.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
