// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The product's steps in order. A slice may import the core and the slices before it, never a
 * later one (`know` may use `connect`; `deepen` may use `know`). `overview` summarises every
 * step on the dashboard, so it sits after them.
 */
const STEPS = ['connect', 'know', 'deepen', 'insights', 'overview'];

const noSandbox = { group: ['**/sandbox/**'], message: 'bot/, web/ and shared/ never import sandbox/.' };
const later = (steps) =>
  steps.map((step) => ({
    group: [`**/${step}/**`, `./${step}/**`],
    message: `a slice may use the core and earlier steps only (${STEPS.join(' → ')}); this imports "${step}".`,
  }));
const adapters = ['discord.js', 'express', 'agenda'].map((name) => ({
  name,
  message: 'shared/ stays free of adapters (only *.job.ts and shared/db/agenda.ts touch agenda).',
}));

/** The restricted-imports rule for one group of files (flat config replaces, never merges, a rule). */
const restrict = (files, { laterSteps = [], pure = false, ignores = [] }) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': [
      'error',
      { ...(pure ? { paths: adapters } : {}), patterns: [noSandbox, ...later(laterSteps)] },
    ],
  },
});

const sliceRules = [];
for (const [i, step] of STEPS.entries()) {
  const laterSteps = STEPS.slice(i + 1);
  sliceRules.push(restrict([`bot/${step}/**/*.ts`, `web/${step}/**/*.ts`], { laterSteps }));
  sliceRules.push(
    restrict([`shared/${step}/**/*.ts`], { laterSteps, pure: true, ignores: ['shared/**/*.job.ts'] }),
  );
  sliceRules.push(restrict([`shared/${step}/**/*.job.ts`], { laterSteps }));
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.tmp/', '.sandbox/', 'web/public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='it'][callee.property.name=/only|skip/]",
          message: 'No focused or skipped tests.',
        },
        {
          selector: "CallExpression[callee.object.name='describe'][callee.property.name=/only|skip/]",
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
  // The cores and composition roots: no sandbox; the cores import no slice at all.
  restrict(['bot/*.ts', 'web/*.ts', 'web/auth/**/*.ts', 'web/middleware/**/*.ts'], {}),
  restrict(['bot/core/**/*.ts', 'web/core/**/*.ts'], { laterSteps: STEPS }),
  restrict(['shared/*.ts', 'shared/kernel/**/*.ts', 'shared/health/**/*.ts', 'shared/i18n/**/*.ts'], {
    laterSteps: STEPS,
    pure: true,
    // The catalogue list names every slice's catalogue: one of the three central files.
    ignores: ['shared/i18n/catalogues.ts'],
  }),
  restrict(['shared/db/**/*.ts'], { laterSteps: STEPS, pure: true, ignores: ['shared/db/agenda.ts'] }),
  ...sliceRules,
);
