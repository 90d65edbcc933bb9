/** @type {import('jest').Config} */
module.exports = {
  // Node's, plus a check that each test file leaves no socket, server, timer or process running.
  testEnvironment: '<rootDir>/test/support/environment.ts',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  // Each test file starts its own embedded database; two workers match the 2-core machine.
  maxWorkers: 2,
  // A worker ends when its event loop drains, then Node unmaps its heap; that teardown grows with the heap (measured
  // beside two CPU hogs: 0.5 GB 112 ms, 1.5 GB 377 ms, 2.5 GB 558 ms), and Jest kills a worker still alive 500 ms after
  // it was told to end ("A worker process has failed to exit gracefully"). Our workers ended holding 0.9–1.3 GB (each
  // test file's module registry is kept until collected), so under load the teardown crossed 500 ms. A worker whose
  // heap passes this after a file is replaced, which keeps the heap at the end well under it.
  workerIdleMemoryLimit: '700MB',
  testTimeout: 30000,
};
