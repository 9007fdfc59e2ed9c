import { h, onSubmit } from './dom.js';
import { quietForm, smartLists } from './smart.js';

const ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

/**
 * The settings tab: mode, digest times (with the trading-day option), quiet hours, the
 * break-through switch, watch terms, filters, language, zone, previews and summaries. Each change
 * is sent at once, and the form is redrawn from what the server kept (its rules may adjust:
 * digests switched on without times get the default times).
 */
export async function renderSettings(panel, app) {
  let s;
  try {
    s = await app.api(`chats/${app.chatId}/settings`);
  } catch (err) {
    return app.fail(err);
  }
  const save = async (change) => {
    // busy until redrawn: assistive tech (and tests) know the form is being replaced
    panel.setAttribute('aria-busy', 'true');
    try {
      s = await app.api(`chats/${app.chatId}/settings`, { method: 'PATCH', body: change });
      app.clearAlert();
      app.status(app.m.saved);
      // the app speaks the user's own chat's language; a group's is only that group's
      if (change.lang && s.kind === 'private') {
        app.lang = s.lang;
        document.dispatchEvent(new Event('kx-lang'));
      }
      draw();
    } catch (err) {
      app.fail(err);
    } finally {
      panel.removeAttribute('aria-busy');
    }
  };

  // built once: its watch list loads by itself and survives redraws of the rest
  const smart = smartLists(app, (next) => {
    s = next;
    draw();
  });

  const draw = () => {
    const m = app.m;
    const radio = (value, label) =>
      h(
        'label',
        { class: 'choice' },
        h('input', {
          type: 'radio',
          name: 'mode',
          value,
          checked: s.mode === value,
          onchange: () => save({ mode: value }),
        }),
        label,
      );
    const times = s.digestTimes.length
      ? s.digestTimes.map((t) =>
          h(
            'li',
            { class: 'chip' },
            t,
            h(
              'button',
              {
                type: 'button',
                class: 'x',
                'aria-label': m.removeTime(t),
                onclick: () => save({ digestTimes: s.digestTimes.filter((x) => x !== t) }),
              },
              '×',
            ),
          ),
        )
      : [h('li', { class: 'hint' }, m.noTimes)];
    const newTime = h('input', { id: 'new-time', type: 'time', value: '07:30' });
    const toggle = (id, label, key) =>
      h(
        'div',
        { class: 'row' },
        h('label', { for: id, class: 'grow' }, label),
        h('input', {
          id,
          type: 'checkbox',
          role: 'switch',
          class: 'switch',
          checked: s[key],
          onchange: (e) => save({ [key]: e.target.checked }),
        }),
      );
    const zone = h('input', {
      id: 'tz',
      list: 'zones',
      value: s.tz,
      autocomplete: 'off',
      spellcheck: 'false',
    });
    panel.replaceChildren(
      h('fieldset', {}, h('legend', {}, m.mode), radio('instant', m.instant), radio('digest', m.digest)),
      h(
        'fieldset',
        {},
        h('legend', {}, m.digestTimes),
        h('ul', { class: 'chips', id: 'times' }, times),
        h(
          'form',
          {
            class: 'inline',
            onsubmit: onSubmit(() =>
              save({
                digestTimes: [...s.digestTimes, newTime.value],
                ...(s.mode === 'instant' ? { mode: 'digest' } : {}),
              }),
            ),
          },
          h('label', { for: 'new-time', class: 'sr-only' }, m.addTime),
          newTime,
          h('button', { type: 'submit', id: 'add-time' }, m.addTime),
        ),
        toggle('digest-trading', m.digestTrading, 'digestTrading'),
      ),
      quietForm(m, s, save),
      toggle('break-through', m.breakThrough, 'breakThrough'),
      smart.el,
      h(
        'div',
        { class: 'row' },
        h('label', { for: 'lang', class: 'grow' }, m.language),
        h(
          'select',
          { id: 'lang', onchange: (e) => save({ lang: e.target.value }) },
          h('option', { value: 'zh', selected: s.lang === 'zh' }, '中文'),
          h('option', { value: 'en', selected: s.lang === 'en' }, 'English'),
        ),
      ),
      h(
        'form',
        { class: 'inline', onsubmit: onSubmit(() => save({ tz: zone.value.trim() })) },
        h('label', { for: 'tz', class: 'grow' }, m.timeZone),
        zone,
        h(
          'datalist',
          { id: 'zones' },
          ZONES.map((z) => h('option', { value: z })),
        ),
        h('button', { type: 'submit' }, m.saveZone),
      ),
      toggle('link-preview', m.linkPreview, 'linkPreview'),
      toggle('summaries', m.summaries, 'showSummary'),
    );
    smart.drawFilters(s);
  };
  draw();
  await smart.load();
}
