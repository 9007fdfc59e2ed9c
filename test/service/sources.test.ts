import { describe, expect, it } from 'vitest';
import { createCategoryRegistry } from '../../src/articles/registry.ts';
import { searchCategories } from '../../src/chats/resolve.ts';
import { cachedRegistry } from '../../src/service/sources.ts';
import { openDb } from '../../src/storage/db.ts';
import { allMigrations } from '../../src/storage/migrations.ts';

describe('cachedRegistry', () => {
  it('serves all() from memory for the TTL, and sees new sources after it', () => {
    const db = openDb(':memory:', allMigrations());
    const registry = createCategoryRegistry(db);
    let now = 1_000;
    const cached = cachedRegistry(registry, () => now, 5_000);
    registry.observe({ slug: 'sichuanribao', source: '四川日报', seenAt: 1 });
    expect(searchCategories(cached, 'scrb', 5).map((m) => m.info.slug)).toEqual(['sichuanribao']);
    // learned by the poll through the plain registry: invisible until the TTL runs out
    registry.observe({ slug: 'sichuanzaixian', source: '四川在线', seenAt: 2 });
    expect(cached.all().map((c) => c.slug)).toEqual(['sichuanribao']);
    now += 5_000;
    expect(cached.all().map((c) => c.slug)).toEqual(['sichuanribao', 'sichuanzaixian']);
    // what goes through the cached view itself is visible at once
    cached.observe({ slug: 'emnews', source: '东财滚动', seenAt: 3 });
    expect(cached.all()).toHaveLength(3);
    expect(cached.get('emnews')?.source).toBe('东财滚动');
    db.close();
  });
});
