import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'vendor/', '.data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    // services/ is the domain: it must stay free of the bot SDK and the web server so it can move to
    // another SDK (the Microsoft 365 Agents SDK) untouched; data/ access goes through ports.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', 'restify*', '@azure/*', '../data/*', '../../data/*', '../bot/*', '../dialogs/*'] }],
    },
  },
  {
    files: ['dialogs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['restify*', '@azure/*', '../data/*', '../bot/*'] }] },
  },
  {
    files: ['jest.config.js'],
    languageOptions: { globals: { module: 'writable' } },
  },
  {
    // The staff console's page script, run by browsers (plain ES2017, no build step).
    files: ['bot/staff/assets/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        ['window', 'document', 'fetch', 'sessionStorage', 'location', 'history', 'crypto', 'URL', 'URLSearchParams', 'Event', 'CustomEvent', 'FormData', 'Blob', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Intl', 'confirm', 'console', 'atob', 'TextDecoder'].map((g) => [g, 'readonly']),
      ),
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', fetch: 'readonly', Buffer: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
