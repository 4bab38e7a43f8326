import { defineConfig } from 'vite';

export default defineConfig({
  base: '/console/',
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
