import { debounce, h } from './dom.js';

/** The sources tab: a search field and one switch per source, for the chat being managed. */
export function renderSources(panel, app) {
  const m = app.m;
  const input = h('input', { id: 'source-q', type: 'search', autocomplete: 'off', enterkeyhint: 'search' });
  const count = h('p', { class: 'hint', id: 'source-count' });
  const list = h('ul', { class: 'list', id: 'source-list', 'aria-live': 'polite' });
  panel.replaceChildren(h('label', { class: 'field', for: 'source-q' }, m.searchSources), input, count, list);

  const row = (s) => {
    const id = `src-${s.slug.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    const box = h('input', {
      id,
      type: 'checkbox',
      role: 'switch',
      class: 'switch',
      checked: s.subscribed,
      'aria-label': m.subscribe(s.name),
      onchange: async (e) => {
        const on = e.target.checked;
        e.target.disabled = true;
        try {
          const res = await app.api(`chats/${app.chatId}/subscriptions`, {
            method: 'POST',
            body: { slug: s.slug, on },
          });
          e.target.checked = res.subscribed;
          app.clearAlert();
          app.status(`${s.name}: ${res.subscribed ? m.on : m.off}`);
        } catch (err) {
          e.target.checked = !on;
          app.fail(err);
        } finally {
          e.target.disabled = false;
        }
      },
    });
    return h(
      'li',
      { class: 'row' },
      h(
        'label',
        { for: id, class: 'grow' },
        h('span', { class: 'name' }, s.name),
        h('span', { class: 'hint' }, s.slug),
      ),
      box,
    );
  };

  let asked = 0;
  const load = async () => {
    const mine = ++asked;
    try {
      const res = await app.api('sources', { query: { chat: app.chatId, q: input.value.trim() } });
      if (mine !== asked) return;
      app.max = res.max;
      count.textContent = m.subscribedCount(res.subscribed, res.max);
      list.replaceChildren(
        ...(res.sources.length ? res.sources.map(row) : [h('li', { class: 'hint' }, m.noSources)]),
      );
    } catch (err) {
      app.fail(err);
    }
  };
  input.addEventListener('input', debounce(load, 250));
  return load();
}
