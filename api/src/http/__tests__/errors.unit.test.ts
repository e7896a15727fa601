import { errorStatus, HttpError } from '../errors';

/** What the PostgreSQL driver adapter throws, bare or wrapped by Prisma, when the server goes away. */
const adapterError = (cause: object) =>
  Object.assign(new Error('driver'), { name: 'DriverAdapterError', cause });
const prismaError = (code: string, cause: object) =>
  Object.assign(new Error('prisma'), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: { driverAdapterError: { cause } },
  });

describe('errorStatus', () => {
  it('answers a database that went away with 503, however the driver reports it', () => {
    expect(errorStatus(prismaError('P1001', { kind: 'DatabaseNotReachable' }))).toBe(503);
    // A raw query on a closed connection: Prisma's generic P2010 around the driver's cause.
    expect(errorStatus(prismaError('P2010', { kind: 'DatabaseNotReachable' }))).toBe(503);
    expect(errorStatus(prismaError('P2010', { kind: 'postgres', code: '57P01' }))).toBe(503);
    expect(errorStatus(prismaError('P2010', { kind: 'postgres', code: '08006' }))).toBe(503);
    // A transaction's BEGIN or COMMIT on a connection the server is terminating: thrown bare.
    expect(errorStatus(adapterError({ kind: 'postgres', code: '57P01' }))).toBe(503);
    expect(errorStatus(adapterError({ kind: 'ConnectionClosed' }))).toBe(503);
    // A COMMIT on a connection pg already knows is lost: pg's own error, not converted by the adapter.
    expect(errorStatus(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      503,
    );
    expect(errorStatus(new Error('Connection terminated unexpectedly'))).toBe(503);
  });

  it('keeps other errors as they are', () => {
    expect(errorStatus(prismaError('P2010', { kind: 'postgres', code: '22P02' }))).toBe(500);
    expect(errorStatus(adapterError({ kind: 'UniqueConstraintViolation' }))).toBe(500);
    expect(errorStatus(new HttpError(409, 'error.reopenClosed'))).toBe(409);
    expect(errorStatus(Object.assign(new Error('too large'), { status: 413 }))).toBe(413);
    expect(errorStatus(new Error('bug'))).toBe(500);
    expect(errorStatus(new Error('Connection terminated while I was reading'))).toBe(500);
  });
});
