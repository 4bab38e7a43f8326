import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // A promise nobody handles ends a Node process when it rejects: server code awaits it, catches
    // it, or hands it to inBackground (core/logger.ts). Type-aware, so only where it matters.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/**/*.test.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          ignoreVoid: false,
          // Rooms live in this process's memory (the Redis adapter is not sharded): never rejects.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'socket.io', name: ['join', 'leave'] },
          ],
        },
      ],
    },
  },
  {
    files: ['widget/src/**', 'agent-console/src/**', 'portal/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
