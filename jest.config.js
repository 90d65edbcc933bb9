/** @type {import('jest').Config} */
module.exports = {
  // Node's, plus a check that each test file leaves no socket, server, timer or process running.
  testEnvironment: '<rootDir>/test/support/environment.ts',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  // Each test file starts its own embedded database; two workers match the 2-core machine.
  maxWorkers: 2,
  testTimeout: 30000,
};
