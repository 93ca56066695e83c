import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^unified-collections$': '<rootDir>/src/index.ts',
    '^unified-collections/emulator$': '<rootDir>/src/emulator/index.ts',
    '^unified-collections/testing$': '<rootDir>/src/testing/index.ts',
    '^unified-collections/opentelemetry$': '<rootDir>/src/telemetry/opentelemetry.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 20000,
};

export default config;
