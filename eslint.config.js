// ESLint flat config: typescript-eslint's recommended rules on every TypeScript source.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'out/**', 'bench/.work/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The fronts go through the service's contract (DESIGN.md): service/index.ts, its start-up safe
    // part service/light.ts, its toolbox part service/tools.ts, and core/; never a grammar, schema
    // or other service file.
    files: ['cli/**/*.ts', 'client/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/grammar/**', '**/schema/**', '**/service/**', '!**/service/index.ts', '!**/service/light.ts', '!**/service/tools.ts'],
          message: 'a front imports service/index.ts (or service/light.ts, service/tools.ts) and core/ only',
        }],
      }],
      'no-restricted-syntax': ['error', {
        selector: 'ImportExpression[source.value=/(^|\\/)(grammar|schema)\\/|(^|\\/)service\\/(?!(index|light|tools)\\.ts$)/]',
        message: 'a front imports service/index.ts (or service/light.ts, service/tools.ts) and core/ only',
      }],
    },
  },
  {
    // core/ is the bottom layer (DESIGN.md): the toolbox every layer and front uses imports
    // nothing above it. Value models core computes on (calendar events, sizes, time spans) live in
    // core/format; the grammars that read their text sit above, in grammar/.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/grammar/**', '**/schema/**', '**/service/**', '**/server/**', '**/client/**', '**/cli/**'],
          message: 'core/ is the bottom layer: it imports no grammar, schema, service or front',
        }],
      }],
      'no-restricted-syntax': ['error', {
        selector: 'ImportExpression[source.value=/(^|\\/)(grammar|schema|service|server|client|cli)\\//]',
        message: 'core/ is the bottom layer: it imports no grammar, schema, service or front',
      }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', fetch: 'readonly' } },
  },
  {
    // CommonJS, as VS Code's extension host requires its test entry module
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', console: 'readonly', require: 'readonly', exports: 'writable', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
