/** `npm run authz:matrix`: writes docs/authz-matrix.md from the matrix the tests check. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { routeSpecs } from '../api/src/app';
import { MATRIX_FILE, renderMatrix } from '../test/authz/matrix';

writeFileSync(path.resolve(__dirname, '..', MATRIX_FILE), renderMatrix(routeSpecs));
console.log(`[authz] wrote ${MATRIX_FILE}`);
