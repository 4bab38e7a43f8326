import { defineConfig } from 'vite';

/** The customer portal, served by the hub at /support (see server/src/core/http/app.ts). */
export default defineConfig({
  base: '/support/',
  server: { proxy: { '/api': 'http://localhost:3000', '/widget.js': 'http://localhost:3000' } },
});
