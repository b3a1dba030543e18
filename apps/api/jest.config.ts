export default {
  displayName: 'api',
  preset: '../../jest.preset.js',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // Integration specs boot the app on a database each; PGlite takes ~0.8 GB, so few workers.
  maxWorkers: 2,
  testTimeout: 60000,
};
