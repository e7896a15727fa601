/**
 * Jest's TypeScript transform: esbuild strips the types, nothing more. `tsc -p .` type-checks every
 * file in the lint phase of `npm test`; ts-jest type-checked each file again in each Jest worker
 * that loaded it, the most CPU a run spent outside the tests. No suite uses jest.mock, so nothing
 * needs hoisting. The source map keeps stack traces on the TypeScript lines.
 */
/* global __filename */
// Jest loads this file untransformed, as CommonJS.
/* eslint-disable @typescript-eslint/no-require-imports */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const esbuild = require('esbuild');

const self = createHash('sha1').update(readFileSync(__filename)).update(esbuild.version).digest('hex');

module.exports = {
  getCacheKey(source, file) {
    return createHash('sha1').update(self).update(file).update(source).digest('hex');
  },
  process(source, file) {
    const { code, map } = esbuild.transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'es2022',
      platform: 'node',
      sourcefile: file,
      sourcemap: 'external',
      sourcesContent: false,
    });
    return { code, map };
  },
};
