// ESLint flat config: typescript-eslint's recommended rules on every TypeScript source.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const CORE_IS_BOTTOM = {
  group: ['**/grammar/**', '**/schema/**', '**/service/**', '**/server/**', '**/client/**', '**/cli/**'],
  message: 'core/ is the bottom layer: it imports no grammar, schema, service or front',
};
// What the service (and the Web Worker server) may not use: Node's modules and globals, and the
// core modules built on them.
const NODE_FREE = 'the service runs in a browser too: no Node below the fronts';
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message: NODE_FREE }));
const NODE_PATTERNS = [
  { group: ['node:*'], message: NODE_FREE },
  { group: ['**/fs/read-file.ts', '**/fs/file-uri.ts', '**/crypto/**', '**/cache/**'], message: `${NODE_FREE} (this core module uses files or node:crypto; core/fs/read-errors.ts is portable)` },
];
const NODE_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'setImmediate', 'global'].map((name) => ({ name, message: NODE_FREE }));
/** The core modules the service imports: Node-free too. */
const PORTABLE_CORE = ['core/format/**/*.ts', 'core/offset-range.ts', 'core/prune/**/*.ts', 'core/control-chars.ts', 'core/json.ts', 'core/version.ts', 'core/fs/read-errors.ts'];

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
    // part service/light.ts, its toolbox part service/tools.ts, its job-calendar part
    // service/jobs.ts, and core/; never a grammar, schema or other service file.
    files: ['cli/**/*.ts', 'client/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          group: ['**/grammar/**', '**/schema/**', '**/service/**', '!**/service/index.ts', '!**/service/light.ts', '!**/service/tools.ts', '!**/service/jobs.ts'],
          message: 'a front imports service/index.ts (or service/light.ts, service/tools.ts, service/jobs.ts) and core/ only',
        }],
      }],
      'no-restricted-syntax': ['error', {
        selector: 'ImportExpression[source.value=/(^|\\/)(grammar|schema)\\/|(^|\\/)service\\/(?!(index|light|tools|jobs)\\.ts$)/]',
        message: 'a front imports service/index.ts (or service/light.ts, service/tools.ts, service/jobs.ts) and core/ only',
      }],
    },
  },
  {
    // core/ is the bottom layer (DESIGN.md): the toolbox every layer and front uses imports
    // nothing above it. Value models core computes on (calendar events, sizes, time spans) live in
    // core/format; the grammars that read their text sit above, in grammar/.
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [CORE_IS_BOTTOM] }],
      'no-restricted-syntax': ['error', {
        selector: 'ImportExpression[source.value=/(^|\\/)(grammar|schema|service|server|client|cli)\\//]',
        message: 'core/ is the bottom layer: it imports no grammar, schema, service or front',
      }],
    },
  },
  {
    // The language service runs in a Web Worker too (dist/web/server.js, issue 17): below the fronts,
    // nothing of Node — no builtin module, no Node global, no core module that reads files or uses
    // node:crypto. (scripts/build.mjs also refuses a web bundle that holds a Node module.)
    files: ['grammar/**/*.ts', 'schema/**/*.ts', 'service/**/*.ts'],
    ignores: ['schema/ajv-standalone.ts'], // build time only (scripts/build.mjs)
    rules: {
      'no-restricted-imports': ['error', { paths: NODE_BUILTINS, patterns: NODE_PATTERNS }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
    },
  },
  {
    // the core modules the service uses: Node-free as the service, and still the bottom layer
    files: PORTABLE_CORE,
    rules: {
      'no-restricted-imports': ['error', { paths: NODE_BUILTINS, patterns: [CORE_IS_BOTTOM, ...NODE_PATTERNS] }],
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
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
