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
  // Folder rules, at every depth: a regex over the import string, so `../../bot/x` from services/notices/ is
  // caught as surely as `../bot/x` from services/ (path globs with a fixed number of `../` missed the deeper ones).
  // test/eslint/boundaries.test.ts lints forbidden imports and fails if any of these rules stops biting.
  {
    // services/ is the domain: it must stay free of the bot SDK and the web server so it can move to
    // another SDK (the Microsoft 365 Agents SDK) untouched; data/ access goes through ports.
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^(botbuilder|restify)', message: 'services/ is the domain: no bot SDK or web server.' },
        { regex: '^@azure/', message: 'services/ is the domain: storage goes through ports that data/ implements.' },
        { regex: '^(\\.\\./)+(bot|dialogs|data|bench|test)(/|$)', message: 'services/ imports only services/.' },
      ] }],
    },
  },
  {
    // dialogs/ converse over services: no web server, no storage (that is reached through services).
    files: ['dialogs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^restify', message: 'dialogs/ know no web server.' },
        { regex: '^@azure/', message: 'dialogs/ reach storage only through services.' },
        { regex: '^(\\.\\./)+(bot|data|bench|test)(/|$)', message: 'dialogs/ import services/ and dialogs/ only.' },
        // Storage ports are for services and data/: a flow asks a service (services/notices/noticeReader.ts).
        { regex: '^(\\.\\./)+services/ports', message: 'dialogs/ reach storage only through services, not their ports.' },
        { regex: '^(\\.\\./)+services/', importNamePattern: 'Repository$', message: 'dialogs/ reach storage only through services, not repository ports.' },
      ] }],
    },
  },
  {
    // data/ implements the domain's ports: it may know services/ (the ports and models), never the wiring or flows.
    files: ['data/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { regex: '^restify', message: 'data/ knows no web server.' },
        { regex: '^(\\.\\./)+(bot|dialogs|bench|test)(/|$)', message: 'data/ imports services/ and data/ only.' },
      ] }],
    },
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
