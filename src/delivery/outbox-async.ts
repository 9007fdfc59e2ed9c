import type { Outbox } from './outbox.ts';

/** `F` with the same parameters, answering later: the shape of a store behind a network hop. */
type Later<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

/**
 * The outbox contract where the store answers asynchronously (PostgreSQL): every method of the
 * SQLite `Outbox`, same arguments, same result in a Promise. Derived from `Outbox`, so the two
 * cannot drift; test/delivery/outbox-contract.ts holds both to the same behaviour.
 */
export type AsyncOutbox = { [K in keyof Outbox]: Later<Outbox[K]> };

/** The synchronous outbox seen through the async contract (each answer already settled). */
export function asyncOutbox(outbox: Outbox): AsyncOutbox {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(outbox) as Array<[string, (...a: unknown[]) => unknown]>) {
    wrapped[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve(fn(...args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return wrapped as AsyncOutbox;
}
