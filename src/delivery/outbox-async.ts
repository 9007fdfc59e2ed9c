import { type Async, asyncify } from '../storage/async.ts';
import type { Outbox } from './outbox.ts';

/**
 * The outbox contract where the store answers asynchronously (PostgreSQL): every method of the
 * SQLite `Outbox`, same arguments, same result in a Promise. test/delivery/outbox-contract.ts
 * holds both to the same behaviour.
 */
export type AsyncOutbox = Async<Outbox>;

/** The synchronous outbox seen through the async contract (each answer already settled). */
export const asyncOutbox = (outbox: Outbox): AsyncOutbox => asyncify(outbox);
