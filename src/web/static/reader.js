import { h, onSubmit, safeLink, shortTime } from './dom.js';

/** The reader: the newest stories, search with /search's syntax, and one article's full text. */
export async function renderReader(panel, app) {
  const m = app.m;
  const q = h('input', { id: 'article-q', type: 'search', autocomplete: 'off', enterkeyhint: 'search' });
  const results = h('div', { id: 'results' });
  let page = 0;

  const item = (a) =>
    h(
      'li',
      {},
      h(
        'button',
        { type: 'button', class: 'item', onclick: () => open(a.seq) },
        h('span', { class: 'name' }, a.title),
        h('span', { class: 'hint' }, `${shortTime(a.publishedAt)} · ${a.source}`),
        a.snippet
          ? h('span', { class: 'snippet' }, a.snippet.text)
          : a.summary
            ? h('span', { class: 'snippet' }, a.summary)
            : null,
      ),
    );

  const showLatest = async () => {
    results.replaceChildren(h('p', { class: 'hint' }, m.loading));
    try {
      const res = await app.api('latest', { query: { chat: app.chatId } });
      results.replaceChildren(
        h('h2', {}, m.latest),
        res.articles.length ? h('ul', { class: 'list' }, res.articles.map(item)) : h('p', {}, m.none),
      );
    } catch (err) {
      app.fail(err);
    }
  };

  const runSearch = async (more = false) => {
    page = more ? page + 1 : 0;
    try {
      const res = await app.api('search', { query: { q: q.value, page } });
      const list = more ? results.querySelector('ul') : h('ul', { class: 'list' });
      list.append(...res.hits.map(item));
      const next =
        res.page + 1 < res.pages
          ? h(
              'button',
              {
                type: 'button',
                onclick: (e) => {
                  e.target.remove();
                  void runSearch(true);
                },
              },
              m.more,
            )
          : null;
      if (!more) results.replaceChildren(h('h2', {}, m.total(res.total)), list);
      if (next) results.append(next);
    } catch (err) {
      app.fail(err);
    }
  };

  const open = async (seq) => {
    try {
      const a = await app.api(`articles/${seq}`);
      const back = h('button', { type: 'button', class: 'back', onclick: () => list() }, `‹ ${m.back}`);
      const sources = [
        a.attribution ? h('li', {}, m.attribution(a.attribution)) : null,
        h('li', {}, safeLink(a.url, `${m.original}: ${a.source}`)),
        a.sourceLink ? h('li', {}, safeLink(a.sourceLink, a.sourceLink)) : null,
        ...a.alsoIn.map((t) => h('li', {}, safeLink(t.url, `${m.alsoIn}: ${t.source}`))),
      ];
      panel.replaceChildren(
        h(
          'article',
          { id: 'article' },
          back,
          h('h2', { tabindex: '-1' }, a.title),
          h('p', { class: 'hint' }, `${shortTime(a.publishedAt)} · ${a.source}`),
          a.digest ? h('blockquote', {}, a.digest) : null,
          ...a.paragraphs.map((p) => h('p', {}, p)),
          h('h3', {}, m.sources),
          h('ul', { class: 'sources' }, sources),
        ),
      );
      panel.querySelector('h2').focus();
    } catch (err) {
      app.fail(err);
    }
  };

  const list = () => {
    panel.replaceChildren(
      h(
        'form',
        {
          class: 'inline',
          role: 'search',
          onsubmit: onSubmit(() => (q.value.trim() ? runSearch() : showLatest())),
        },
        h('label', { for: 'article-q', class: 'sr-only' }, m.searchArticles),
        q,
        h('button', { type: 'submit', id: 'article-search' }, m.search),
      ),
      h('p', { class: 'hint' }, m.searchArticles),
      results,
    );
    return showLatest();
  };

  if (app.openArticle) {
    const seq = app.openArticle;
    app.openArticle = undefined;
    return open(seq);
  }
  return list();
}
