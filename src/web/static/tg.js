// What Telegram hands the page: initData, the theme and the user's language. Telegram's own
// telegram-web-app.js puts them on window.Telegram.WebApp; without that script (tests, or an
// operator who keeps third-party code out) they are read from the launch URL's fragment,
// where every client puts them (tgWebAppData, tgWebAppThemeParams).

const fragment = new URLSearchParams(location.hash.slice(1));
const webApp = window.Telegram?.WebApp;

export const initData = webApp?.initData || fragment.get('tgWebAppData') || '';

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const initParams = new URLSearchParams(initData);
export const tgUser = parseJson(initParams.get('user') ?? '') ?? {};

export const themeParams = webApp?.themeParams ?? parseJson(fragment.get('tgWebAppThemeParams') ?? '') ?? {};

const THEME_KEYS = [
  'bg_color',
  'text_color',
  'hint_color',
  'link_color',
  'button_color',
  'button_text_color',
  'secondary_bg_color',
];

/** Telegram's colours as CSS variables; only #rrggbb values are taken. */
export function applyTheme(root = document.documentElement) {
  for (const key of THEME_KEYS) {
    const value = themeParams[key];
    if (typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value)) {
      root.style.setProperty(`--tg-${key.replaceAll('_', '-')}`, value);
    }
  }
  const bg = themeParams.bg_color;
  if (typeof bg === 'string' && /^#[0-9a-f]{6}$/i.test(bg)) {
    const n = Number.parseInt(bg.slice(1), 16);
    const luminance = 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255);
    root.dataset.scheme = luminance < 128 ? 'dark' : 'light';
  }
}

/** Tells the Telegram client the app is drawn and may take the full height. */
export function ready() {
  if (webApp) {
    webApp.ready();
    webApp.expand();
    return;
  }
  const post = (eventType) => {
    const proxy = window.TelegramWebviewProxy;
    if (proxy?.postEvent) proxy.postEvent(eventType, '');
    else if (window.parent !== window)
      window.parent.postMessage(JSON.stringify({ eventType, eventData: '' }), 'https://web.telegram.org');
  };
  post('web_app_ready');
  post('web_app_expand');
}
