// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.tmp/', 'web/public/vendor/'] },
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
  {
    files: ['shared/**/*.ts', 'bot/**/*.ts', 'web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/sandbox/**'], message: 'bot/, web/ and shared/ never import sandbox/.' }],
        },
      ],
    },
  },
  {
    files: ['shared/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['discord.js', 'express', 'agenda'],
          patterns: [{ group: ['**/sandbox/**'], message: 'services stay free of adapters.' }],
        },
      ],
    },
  },
);
