import type { StoredArticle } from '../articles/types.ts';
import type { Lang } from '../chats/types.ts';
import type { Deps } from '../deps.ts';
import { collapseStories } from '../search/collapse.ts';
import { MAX_TERMS } from '../search/index.ts';
import type { SavedSearch, SearchHit } from '../search/types.ts';
import type { Keyboard } from '../telegram/reply.ts';
import { type Html, join, MESSAGE_LIMIT } from './html.ts';
import { articleLine, markedSnippet, readButtons } from './search-format.ts';
import { t } from './strings/index.ts';

export const PAGE_SIZE = 5;

/** snippet and 另见 line under a hit, or null when there is neither (no blank line) */
function detailOf(snippet: Html | null, alsoIn: Html | null): Html | null {
  const parts = [snippet, alsoIn].filter((x): x is Html => x !== null);
  return parts.length ? join(parts, '\n') : null;
}

export interface SearchPage {
  body: Html;
  keyboard: Keyboard;
  total: number;
  pages: number;
}

/**
 * Runs one page of a saved search and renders it: the total, five hits (linked title, date,
 * source, snippet with the match in bold), 全文 buttons and ‹ › paging. The body is held to one
 * message: if long titles and URLs would overflow it, snippets go first, then title length.
 */
export async function renderSearchPage(
  deps: Pick<Deps, 'search' | 'articles' | 'metrics' | 'now' | 'config' | 'normalizer'>,
  lang: Lang,
  /** the chat's zone: dates are shown as its members read them */
  tz: string,
  saved: SavedSearch,
  page: number,
  pagingData: (page: number) => string,
): Promise<SearchPage> {
  const s = t(lang).search;
  const now = deps.now();
  const started = performance.now();
  const result = await deps.search.search({
    terms: saved.terms,
    categories: saved.categories,
    ...(saved.since !== undefined ? { since: saved.since } : {}),
    offset: page * PAGE_SIZE,
    limit: PAGE_SIZE,
    now,
  });
  deps.metrics.searchLatency.observe((performance.now() - started) / 1000);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (result.total === 0) return { body: s.searchNone(saved.display), keyboard: [], total: 0, pages };

  const found: Array<{ hit: SearchHit; article: StoredArticle }> = [];
  for (const hit of result.hits) {
    const article = await deps.articles.getBySeq(hit.seq);
    if (article) found.push({ hit, article });
  }
  // one story once: a rewording of a listed flash from another source only adds its name
  const shown = collapseStories(found, deps.normalizer);
  const header = join(
    [s.searchTotal(result.total, page, pages), saved.truncated ? s.tooManyTerms(MAX_TERMS) : ''],
    '\n',
  );
  const build = (withSnippet: boolean) =>
    join(
      [
        header,
        ...shown.map(({ hit, article, alsoIn }, i) =>
          articleLine(
            page * PAGE_SIZE + i + 1,
            article,
            now,
            detailOf(
              withSnippet ? markedSnippet(hit.snippet) : null,
              alsoIn.length ? t(lang).alsoIn(alsoIn) : null,
            ),
            tz,
          ),
        ),
      ],
      '\n\n',
    );
  let body = build(true);
  if (body.length > MESSAGE_LIMIT) body = build(false);
  if (body.length > MESSAGE_LIMIT) body = header;

  const keyboard = readButtons(
    shown.map((x) => x.article.seq),
    t(lang).full,
    page * PAGE_SIZE + 1,
    { chatId: saved.chat, appUrl: deps.config.WEBAPP_URL },
  );
  if (pages > 1) {
    const nav = [];
    if (page > 0) nav.push({ text: '‹', callback_data: pagingData(page - 1) });
    nav.push({ text: `${page + 1}/${pages}`, callback_data: pagingData(page) });
    if (page < pages - 1) nav.push({ text: '›', callback_data: pagingData(page + 1) });
    keyboard.push(nav);
  }
  return { body, keyboard, total: result.total, pages };
}
