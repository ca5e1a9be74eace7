// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/artifacts/**', 'release/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/engine/**', '**/web/**', '**/main/**', '**/cli/**', 'node:*'],
              message:
                'The renderer talks only through electron/contract.ts (and words findings with electron/catalogue).',
            },
          ],
          paths: [{ name: 'electron', message: 'The renderer talks only through window.mailtls.' }],
        },
      ],
    },
  },
  {
    // The finding catalogue is shared by the engine, the CLI, the HTML report and the renderer: pure data over the contract.
    files: ['electron/catalogue/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/engine/**',
                '**/web/**',
                '**/main/**',
                '**/cli/**',
                '**/service/**',
                '**/renderer/**',
                'node:*',
              ],
              message: 'The catalogue imports only the contract, so every front end can use it.',
            },
          ],
          paths: [{ name: 'electron', message: 'The catalogue never imports electron.' }],
        },
      ],
    },
  },
);
