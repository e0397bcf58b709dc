// Shared jest setup for packages/*: TypeScript through SWC, sibling packages from their sources.
const path = require('path');
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  moduleNameMapper: { '^@platform/([a-z-]+)$': path.join(__dirname, 'packages/$1/src/index.ts') },
};
