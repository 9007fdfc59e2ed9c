import type { Db } from '../storage/db.ts';
import type { CategoryInfo, CategoryRegistry } from './types.ts';

interface Row {
  slug: string;
  source: string;
  tag: string;
  first_seen: number;
  last_seen: number;
  posts: number;
  verified: number;
}

const fromRow = (r: Row): CategoryInfo => ({
  slug: r.slug,
  source: r.source,
  tag: r.tag,
  firstSeen: r.first_seen,
  lastSeen: r.last_seen,
  posts: r.posts,
  verified: r.verified === 1,
});

/**
 * What the bot has learned about the site's categories (there is no page listing them):
 * slugs from post URLs, names from tags and home-page headings, `verified` once the
 * category page answered 200. A non-empty name never gets overwritten by an empty one.
 */
export function createCategoryRegistry(db: Db): CategoryRegistry {
  const upsert =
    db.prepare(`INSERT INTO categories (slug, source, tag, first_seen, last_seen, posts, verified)
    VALUES (@slug, @source, @tag, @seenAt, @seenAt, @newPosts, @verified)
    ON CONFLICT (slug) DO UPDATE SET
      source = CASE WHEN excluded.source <> '' THEN excluded.source ELSE source END,
      tag = CASE WHEN excluded.tag <> '' THEN excluded.tag ELSE tag END,
      first_seen = min(first_seen, excluded.first_seen),
      last_seen = max(last_seen, excluded.last_seen),
      posts = posts + excluded.posts,
      verified = max(verified, excluded.verified)`);
  const one = db.prepare<[string], Row>('SELECT * FROM categories WHERE slug = ?');
  const all = db.prepare<[], Row>('SELECT * FROM categories ORDER BY slug');
  // "recent posts" comes from the archive itself, so it follows retention and never drifts
  const popular = db.prepare<[number, number], Row>(`SELECT c.* FROM categories c
    LEFT JOIN (SELECT category, count(*) AS n FROM articles WHERE published_at >= ? GROUP BY category) a
      ON a.category = c.slug
    ORDER BY coalesce(a.n, 0) DESC, c.last_seen DESC, c.slug LIMIT ?`);

  return {
    observe(info) {
      upsert.run({
        slug: info.slug,
        source: info.source ?? '',
        tag: info.tag ?? '',
        seenAt: info.seenAt,
        newPosts: info.newPosts ?? 0,
        verified: info.verified ? 1 : 0,
      });
    },
    get(slug) {
      const r = one.get(slug);
      return r ? fromRow(r) : undefined;
    },
    all: () => all.all().map(fromRow),
    popular: (since, limit) => popular.all(since, limit).map(fromRow),
  };
}
