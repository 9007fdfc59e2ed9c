import type { Db } from '../storage/db.ts';

export interface DocText {
  title: string;
  body: string;
}

/**
 * Where the index reads a post's text back (snippets, re-indexing a story when a twin comes
 * or goes). With the archive's `articles` table in the same database the text is read from
 * there and not stored twice; without it (benchmarks, index-only tests) `search_docs` keeps
 * its own copy.
 */
export interface TextSource {
  readonly ownCopy: boolean;
  get(seq: number): DocText | undefined;
}

const hasTable = (db: Db, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

export function createTextSource(db: Db, mode: 'auto' | 'own' | 'articles' = 'auto'): TextSource {
  const fromArticles = mode === 'articles' || (mode === 'auto' && hasTable(db, 'articles'));
  if (!fromArticles) {
    const own = db.prepare('SELECT title, body FROM search_docs WHERE seq = ?');
    return { ownCopy: true, get: (seq) => own.get(seq) as DocText | undefined };
  }
  const row = db.prepare('SELECT title, paragraphs, digest FROM articles WHERE seq = ?');
  return {
    ownCopy: false,
    get(seq) {
      const r = row.get(seq) as { title: string; paragraphs: string; digest: string | null } | undefined;
      if (!r) return undefined;
      let paragraphs: string[] = [];
      try {
        paragraphs = JSON.parse(r.paragraphs) as string[];
      } catch {
        // a corrupt row still has its title
      }
      // the same body as articleBody(): digest first, then the paragraphs
      const body = [r.digest ?? '', ...paragraphs].filter((p) => p.length > 0).join('\n');
      return { title: r.title, body };
    },
  };
}
