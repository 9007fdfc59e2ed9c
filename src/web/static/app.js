import { ApiError, api } from './api.js';
import { h } from './dom.js';
import { langOf, strings } from './i18n.js';
import { renderSources } from './sources.js';
import { applyTheme, initData, ready, tgUser } from './tg.js';

const $ = (id) => document.getElementById(id);
const TABS = ['sources', 'settings', 'reader'];

const app = {
  lang: langOf(tgUser.language_code),
  chatId: tgUser.id,
  chats: [],
  get m() {
    return strings[this.lang];
  },
  api,
  status(text) {
    $('status').textContent = text;
  },
  /** every failed call ends here: one clear sentence, never a stack */
  fail(err) {
    const m = this.m;
    const alert = $('alert');
    const text =
      err instanceof ApiError
        ? err.status === 401
          ? m.unauthorized
          : err.status === 403
            ? m.forbidden
            : err.status === 429
              ? m.slowDown
              : err.status === 409
                ? m.overLimit(app.max ?? '')
                : err.status === 400
                  ? m.invalid(err.message)
                  : m.failed
        : m.failed;
    alert.textContent = text;
    alert.hidden = false;
    if (err instanceof ApiError && err.status === 401) document.body.dataset.state = 'unauthorized';
  },
  clearAlert() {
    $('alert').hidden = true;
  },
};

// Only the first screen's module is parsed before it is drawn; the other tabs load on first
// use (and are fetched in the background once the first screen is ready).
const lazy = (file, name) => async (panel, a) => (await import(file))[name](panel, a);
const renderers = {
  sources: renderSources,
  settings: lazy('./settings.js', 'renderSettings'),
  reader: lazy('./reader.js', 'renderReader'),
};
let current = 'sources';

function select(name, focus = false) {
  current = name;
  for (const tab of TABS) {
    const button = $(`tab-${tab}`);
    const on = tab === name;
    button.setAttribute('aria-selected', String(on));
    button.tabIndex = on ? 0 : -1;
    $(`panel-${tab}`).hidden = !on;
  }
  if (focus) $(`tab-${name}`).focus();
  return renderers[name]($(`panel-${name}`), app);
}

function labelTexts() {
  document.documentElement.lang = app.lang;
  document.title = app.m.title;
  $('chat-label').textContent = app.m.manage;
  TABS.forEach((tab, i) => {
    $(`tab-${tab}`).textContent = app.m.tabs[i];
  });
}

function wireTabs() {
  TABS.forEach((tab, i) => {
    const button = $(`tab-${tab}`);
    button.addEventListener('click', () => select(tab));
    // arrow keys move between tabs, as the WAI-ARIA tabs pattern expects
    button.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (step) select(TABS[(i + step + TABS.length) % TABS.length], true);
    });
  });
  document.addEventListener('kx-lang', () => {
    labelTexts();
    fillChats();
  });
  $('chat').addEventListener('change', (e) => {
    app.chatId = Number(e.target.value);
    select(current);
  });
}

function fillChats() {
  const pick = $('chat');
  pick.replaceChildren(
    ...app.chats.map((c) =>
      h(
        'option',
        { value: String(c.id), selected: c.id === app.chatId },
        c.kind === 'private' ? app.m.privateChat : c.title || String(c.id),
      ),
    ),
  );
}

async function start() {
  applyTheme();
  labelTexts();
  wireTabs();
  ready();
  const article = new URLSearchParams(location.search).get('article');
  if (!initData) return app.fail(new ApiError(401, { error: 'unauthorized' }));
  // the chat list and the first tab load side by side: one round trip less before the
  // first screen; the user's own chat needs nothing from the list
  if (/^\d{1,12}$/.test(article ?? '')) app.openArticle = Number(article);
  const first = select(app.openArticle ? 'reader' : 'sources');
  try {
    const me = await api('chats');
    app.chats = me.chats;
    fillChats();
    if (me.user.lang !== app.lang) {
      app.lang = me.user.lang;
      labelTexts();
      fillChats();
      await first;
      await select(current);
    }
  } catch (err) {
    return app.fail(err);
  }
  await first;
  document.body.dataset.state = 'ready';
  // the benchmark's time-to-interactive: data drawn and every control wired
  performance.mark('kx-interactive');
  setTimeout(() => Promise.all([import('./settings.js'), import('./reader.js')]).catch(() => {}), 0);
}

void start();
