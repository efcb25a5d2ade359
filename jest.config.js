// Unit tests of the frontend's pure logic, in Node (`jlpm test`); the UI
// tests in ui-tests/ cover the rest in a browser.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/labextension/test'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'labextension/test/tsconfig.json' }]
  }
};
