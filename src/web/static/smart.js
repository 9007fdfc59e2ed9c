import { h, onSubmit } from './dom.js';

const words = (text) => text.split(/[\s,，、]+/).filter(Boolean);

/** chips with a labelled remove button each; an empty list shows the hint */
const chips = (id, items, hint, removeLabel, remove) =>
  h(
    'ul',
    { class: 'chips', id },
    items.length
      ? items.map((t) =>
          h(
            'li',
            { class: 'chip' },
            t,
            h(
              'button',
              { type: 'button', class: 'x', 'aria-label': removeLabel(t), onclick: () => remove(t) },
              '×',
            ),
          ),
        )
      : h('li', { class: 'hint' }, hint),
  );

/** Quiet hours: from–to in the chat's zone, or off; the server parses it as /quiet does. */
export function quietForm(m, s, save) {
  const [from, to] = (s.quiet ?? '23:00-07:00').split('-');
  const fromEl = h('input', { id: 'quiet-from', type: 'time', value: from });
  const toEl = h('input', { id: 'quiet-to', type: 'time', value: to });
  return h(
    'fieldset',
    {},
    h('legend', {}, m.quiet),
    h('p', { class: 'hint', id: 'quiet-now' }, s.quiet ? m.quietOn(s.quiet) : m.quietOff),
    h(
      'form',
      { class: 'inline', onsubmit: onSubmit(() => save({ quiet: `${fromEl.value}-${toEl.value}` })) },
      h('label', { for: 'quiet-from' }, m.from),
      fromEl,
      h('label', { for: 'quiet-to' }, m.to),
      toEl,
      h('button', { type: 'submit', id: 'quiet-save', 'aria-label': m.saveQuiet }, m.save),
      s.quiet
        ? h(
            'button',
            {
              type: 'button',
              id: 'quiet-clear',
              'aria-label': m.quietClear,
              onclick: () => save({ quiet: null }),
            },
            m.turnOff,
          )
        : null,
    ),
  );
}

/**
 * Watch terms and per-subscription filters. Both are lists with their own caps, so they have
 * their own endpoints; each redraw shows what the server kept (normalised, deduplicated).
 */
export function smartLists(app, onSettings) {
  const m = app.m;
  const box = h('div', { id: 'smart' });
  const call = async (path, method, body) => {
    const panel = box.closest('[role="tabpanel"]');
    panel?.setAttribute('aria-busy', 'true');
    try {
      const res = await app.api(`chats/${app.chatId}/${path}`, { method, body });
      app.clearAlert();
      if (method !== 'GET') app.status(m.saved);
      return res;
    } catch (err) {
      app.fail(err);
      return null;
    } finally {
      // the caller redraws in the same microtask run, before anything can see the gap
      panel?.removeAttribute('aria-busy');
    }
  };

  const drawWatch = (w) => {
    const input = h('input', { id: 'watch-term', autocomplete: 'off', maxlength: '200' });
    const add = async () => {
      const terms = words(input.value);
      if (!terms.length) return;
      const res = await call('watch', 'POST', { terms });
      if (res) drawWatch(res);
    };
    const remove = async (t) => {
      const res = await call('watch', 'DELETE', { terms: [t] });
      if (res) drawWatch(res);
    };
    watch.replaceChildren(
      h('legend', {}, m.watch),
      h('p', { class: 'hint' }, m.watchHint(w.max)),
      chips('watch-terms', w.terms, m.noWatch, m.remove, remove),
      h(
        'form',
        { class: 'inline', onsubmit: onSubmit(add) },
        h('label', { for: 'watch-term', class: 'sr-only' }, m.addWatch),
        input,
        h('button', { type: 'submit', id: 'add-watch' }, m.addWatch),
      ),
    );
  };

  const drawFilters = (view) => {
    const subs = view.subscriptions;
    const slug = h(
      'select',
      { id: 'filter-slug' },
      subs.map((x) => h('option', { value: x }, view.names?.[x] ?? x)),
    );
    const inc = h('input', { id: 'filter-include', autocomplete: 'off' });
    const exc = h('input', { id: 'filter-exclude', autocomplete: 'off' });
    const set = async (path, method, body) => {
      const res = await call(`filters/${encodeURIComponent(path)}`, method, body);
      if (res) onSettings(res);
    };
    const row = ([slug, f]) => {
      const name = view.names?.[slug] ?? slug;
      return h(
        'li',
        { class: 'chip' },
        `${name}: ${[...f.include.map((x) => `+${x}`), ...f.exclude.map((x) => `−${x}`)].join(' ')}`,
        h(
          'button',
          { type: 'button', class: 'x', 'aria-label': m.filterOff(name), onclick: () => set(slug, 'DELETE') },
          '×',
        ),
      );
    };
    filters.replaceChildren(
      h('legend', {}, m.filters),
      h('ul', { class: 'chips', id: 'filter-list' }, Object.entries(view.filters).map(row)),
      subs.length
        ? h(
            'form',
            {
              class: 'stack',
              onsubmit: onSubmit(() =>
                set(slug.value, 'PUT', { include: words(inc.value), exclude: words(exc.value) }),
              ),
            },
            h('label', { for: 'filter-slug' }, m.filterSource),
            slug,
            h('label', { for: 'filter-include' }, m.include),
            inc,
            h('label', { for: 'filter-exclude' }, m.exclude),
            exc,
            h('button', { type: 'submit', id: 'filter-save', 'aria-label': m.saveFilter }, m.save),
          )
        : h('p', { class: 'hint' }, m.noSubs),
    );
  };

  const watch = h('fieldset', { id: 'watch' });
  const filters = h('fieldset', { id: 'filters' });
  box.append(watch, filters);
  // loaded once the box is on the page, so the panel shows busy until the list is drawn
  const load = () => call('watch', 'GET').then((w) => w && drawWatch(w));
  return { el: box, drawFilters, load };
}
