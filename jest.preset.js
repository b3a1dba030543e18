// Shared jest settings: SWC compiles TypeScript (with decorator metadata for NestJS).
const path = require('path');
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        // Keep import() native: ESM-only packages (file-type) load through jest's ESM support.
        module: { type: 'commonjs', ignoreDynamic: true },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@tiaojie/contracts$': path.join(__dirname, 'libs/contracts/src/index.ts'),
    '^@tiaojie/domain$': path.join(__dirname, 'libs/domain/src/index.ts'),
  },
};
