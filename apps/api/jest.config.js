// API tests: unit specs beside the code and end-to-end specs in test/ against a real PostgreSQL
// (DATABASE_URL, else the embedded server started by test/global-setup.ts).
const path = require('path');
const root = path.join(__dirname, '../..');
module.exports = {
  testEnvironment: 'node',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  // A few dependencies ship ESM only; jest on Node 20 needs them compiled to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(content-disposition)/)'],
  transform: {
    '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' } }],
  },
  moduleNameMapper: { '^@platform/([a-z-]+)$': path.join(root, 'packages/$1/src/index.ts') },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
