/**
 * OPTIONAL speed-up for the Prisma 6.19 WASM schema engine (CLI process only;
 * imported from prisma.config.ts, never from app code).
 *
 * `migrate deploy`/`migrate dev` take the Postgres advisory lock with a 10 s
 * timeout. The WASM engine implements that timeout with setTimeout() and never
 * clears it, so the CLI finishes its work in ~1-2 s and then idles until the
 * 10 s timer fires. We unref() exactly that timer: if the lock wait is still
 * pending, the open pg socket keeps the process alive and the timeout still
 * fires as before; if the work is done, the process exits right away.
 */
import { promisify } from 'node:util';

const LOCK_TIMEOUT_MS = 10_000;
const realSetTimeout = globalThis.setTimeout;

function patchedSetTimeout(this: unknown, ...args: Parameters<typeof setTimeout>) {
  const timer = realSetTimeout.apply(this, args);
  if (args[1] === LOCK_TIMEOUT_MS && new Error().stack?.includes('wasm://')) timer.unref();
  return timer;
}
// keep util.promisify(setTimeout) working
Object.defineProperty(patchedSetTimeout, promisify.custom, {
  value: (realSetTimeout as unknown as Record<symbol, unknown>)[promisify.custom],
});

if (!(globalThis.setTimeout as { __prismaWasmUnref?: true }).__prismaWasmUnref) {
  Object.defineProperty(patchedSetTimeout, '__prismaWasmUnref', { value: true });
  globalThis.setTimeout = patchedSetTimeout as unknown as typeof setTimeout;
}
