import type { CategoryInfo, CategoryRegistry } from '../articles/types.ts';

/**
 * The registry with `all()` kept for `ttlMs`: reading 2,000 rows out of SQLite costs more than
 * ranking them, and an app user types a query a keystroke at a time. A source learned by the
 * poll shows up within the TTL. Build one per process and keep it: the resolver caches pinyin
 * keys per registry object.
 */
export function cachedRegistry(
  registry: CategoryRegistry,
  now: () => number,
  ttlMs = 5_000,
): CategoryRegistry {
  let rows: CategoryInfo[] | undefined;
  let at = 0;
  return {
    observe: (info) => {
      registry.observe(info);
      rows = undefined;
    },
    get: (slug) => registry.get(slug),
    popular: (since, limit) => registry.popular(since, limit),
    all() {
      if (!rows || now() - at >= ttlMs) {
        rows = registry.all();
        at = now();
      }
      return rows;
    },
  };
}
