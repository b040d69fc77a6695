// One jest run over the whole monorepo; the level of a test is its file suffix.
const base = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)s$': ['@swc/jest'] },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/services/console/'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
const servers = {
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.mjs',
};

module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/**/*.unit.spec.ts'] },
    { ...base, ...servers, displayName: 'int', testMatch: ['<rootDir>/**/*.int.spec.ts'] },
    { ...base, ...servers, displayName: 'e2e', testMatch: ['<rootDir>/**/*.e2e.spec.ts'] },
  ],
};
