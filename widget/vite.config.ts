import { defineConfig } from 'vite';

/** The iframe app, served by the server under /widget/. The loader has its own config. */
export default defineConfig({
  base: '/widget/',
  build: {
    rollupOptions: { input: 'frame.html' },
  },
});
