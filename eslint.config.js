// Lint is an architecture test: the layering rules below say where code may run and what it may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeModules = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'bench/work/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeModules, message: 'src/shared is pure TypeScript that also runs in the renderer: no Node modules. Move file or database work to src/main.' },
          { group: ['better-sqlite3', 'electron', 'xlsx', 'exceljs', 'react', 'react-dom', 'ag-grid-*'], message: 'src/shared imports no libraries with a runtime: it is shared by main, preload and renderer.' },
          { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'Dependencies point one way: src/shared imports nothing of ours outside src/shared.' },
        ],
      }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'Only src/main/electron may import electron: requiring it elsewhere downloads the binary in tests and couples logic to the shell.' },
          { group: ['react', 'react-dom', 'ag-grid-*'], message: 'UI libraries belong to src/renderer.' },
          { group: ['**/renderer/**'], message: 'The main process never imports the renderer; share types through src/shared.' },
        ],
      }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
