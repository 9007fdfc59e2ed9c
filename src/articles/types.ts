import type { Async } from '../storage/async.ts';

/** One post as the site reader parsed it, before it is stored. */
export interface Article {
  /** the post path without extension, e.g. `sichuanribao/2022/03/15/NW202203152308494336`: stable, unique */
  id: string;
  /** absolute URL on SITE_URL (never the production host that feed.xml links to, unless that is SITE_URL) */
  url: string;
  /** category slug, e.g. `sichuanribao` (may contain spaces, capitals, brackets) */
  category: string;
  /** source name: the tag without its trailing 新闻, e.g. 四川日报 */
  source: string;
  title: string;
  /** epoch ms; the site's zone is Asia/Shanghai */
  publishedAt: number;
  /** clean text paragraphs, boilerplate removed */
  paragraphs: string[];
  /** the editor's digest (`> ` line of emnews posts), without the marker */
  digest: string | null;
  /** e.g. 四川日报 from （文章来源：四川日报） */
  attribution: string | null;
  /** the original source link the crawler appended */
  sourceLink: string | null;
  images: string[];
  /** shared by twin posts: the numeric code without the NW prefix */
  storyKey: string;
  /**
   * the time the site displays and sorts by, when it differs from publishedAt (zone-less dates
   * are shown 8 hours late); discovery uses it to reason about the order of list pages
   */
  shownAt?: number;
  /**
   * the upstream marks it as important (wires); urgent items break through digest mode and quiet
   * hours. Optional: finews posts and archives from before it have none.
   */
  urgent?: boolean;
  /** the source's own tags or categories (feeds); none for finews posts */
  tags?: string[];
}

/** An article as the archive holds it. */
export interface StoredArticle extends Article {
  /** short numeric id: insertion order, used in buttons and /read */
  seq: number;
  summary: string;
  fetchedAt: number;
}

export interface LatestQuery {
  categories?: readonly string[];
  limit: number;
  /** only articles with seq greater than this (digest cursors) */
  afterSeq?: number;
}

/** The archive: the only writer of the articles table. */
export interface ArticleStore {
  has(id: string): boolean;
  get(id: string): StoredArticle | undefined;
  getBySeq(seq: number): StoredArticle | undefined;
  /** stores the article if its id is new; returns the stored row and whether it was new */
  insert(article: Article, summary: string, fetchedAt: number): { article: StoredArticle; inserted: boolean };
  /** newest first by publish time */
  latest(query: LatestQuery): StoredArticle[];
  /** articles with seq > afterSeq, oldest first (fan-out and digests read forward) */
  after(afterSeq: number, categories: readonly string[] | null, limit: number): StoredArticle[];
  byStory(storyKey: string): StoredArticle[];
  /** publish and displayed time of a stored article (cheap: no body) */
  timeOf(id: string): { publishedAt: number; shownAt: number } | undefined;
  count(): number;
  maxSeq(): number;
  /** deletes articles published before the cutoff; returns their seqs so the search index can follow */
  prune(publishedBefore: number): number[];
}

/** The archive as rooms other than ingest see it (SQLite through asyncify, or PostgreSQL). */
export type AsyncArticleStore = Async<Omit<ArticleStore, 'insert'>>;

/** One article to store, with the summary made for it. */
export interface NewArticle {
  article: Article;
  summary: string;
}

/**
 * Ingest's one write: stores each article whose id is new and indexes it for search, all in
 * one transaction, so a crash never leaves an archived article unsearchable. In input order;
 * `inserted` is false for an id already stored (its stored row is returned).
 */
export interface Archive {
  insertMany(
    items: readonly NewArticle[],
    fetchedAt: number,
  ): Promise<Array<{ article: StoredArticle; inserted: boolean }>>;
}

export interface CategoryInfo {
  slug: string;
  /** source name (中文), '' until learned */
  source: string;
  /** home-page heading, e.g. 四川日报新闻 */
  tag: string;
  firstSeen: number;
  lastSeen: number;
  /** articles stored for it */
  posts: number;
  /** its category page was seen to exist */
  verified: boolean;
}

export interface CategoryRegistry {
  observe(info: {
    slug: string;
    source?: string;
    tag?: string;
    seenAt: number;
    newPosts?: number;
    verified?: boolean;
  }): void;
  get(slug: string): CategoryInfo | undefined;
  all(): CategoryInfo[];
  /** most posts since the given time first */
  popular(since: number, limit: number): CategoryInfo[];
}
