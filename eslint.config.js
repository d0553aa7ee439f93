// ESLint for TypeScript and Astro; Prettier owns the layout (eslint-config-prettier turns
// off the rules that would fight it). `npm run lint` runs both, `npm run format` fixes both.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-*/',
      'node_modules/',
      '.astro/',
      '**/.astro/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'db/migrations/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  astro.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `import('x').T` stays allowed: declaration files (env.d.ts) need it to stay global.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // Input checks match control characters on purpose, to reject them.
      'no-control-regex': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^(\\.\\./){3,}', message: 'Import through ~/, ~db/ or ~tests/ instead of climbing three levels or more.' }],
        },
      ],
      // Code and comments fit the width Prettier prints to; long strings (SQL, French text) may not.
      'max-len': ['error', { code: 140, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    // A promise nobody awaits is a write that may not happen, or a failure nobody sees.
    // Type-aware, so only for TypeScript modules (Astro pages stay on the syntactic rules).
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // The door page's small scripts run in the browser and its service worker.
    files: ['public/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.serviceworker } },
  },
  {
    // Tests read JSON bodies loosely; their assertions are what checks the shape.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
