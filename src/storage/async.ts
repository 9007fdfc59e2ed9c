/** `F` with the same parameters, answering later: the shape of a method behind a network hop. */
type Later<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

/**
 * A store's contract where the store answers asynchronously (PostgreSQL): every method of the
 * synchronous SQLite interface `T`, same arguments, same result in a Promise. Derived from `T`,
 * so the two backends cannot drift; each store's contract suite holds both to one behaviour.
 */
export type Async<T> = { [K in keyof T]: Later<T[K]> };

/**
 * A synchronous store seen through the async contract (each answer already settled). A throw
 * becomes a rejection, as a network store's failure would be.
 */
export function asyncify<T extends object>(store: T): Async<T> {
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(store) as Array<[string, unknown]>) {
    if (typeof fn !== 'function') continue;
    wrapped[name] = (...args: unknown[]) => {
      try {
        return Promise.resolve((fn as (...a: unknown[]) => unknown).apply(store, args));
      } catch (err) {
        return Promise.reject(err);
      }
    };
  }
  return wrapped as Async<T>;
}
