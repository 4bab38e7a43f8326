import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the console's own logic. The browser test in test/ needs the real server and its
 * services, so it runs under the server's vitest setup instead.
 */
export default defineConfig({
  test: { include: ['src/**/*.test.{ts,tsx}'] },
});
