import { bold, code, type Html, html } from '../html.ts';
import { filterText, words } from './shared.ts';
import type { zhFeed, zhPush, zhSearch, zhSmart, zhWords } from './zh-sections.ts';

export const enWords: typeof zhWords = {
  full: 'Full text',
  alsoIn: (sources: readonly string[]): Html => html`See also: ${sources.slice(0, 10).join(', ')}`,
};

export const enSearch: typeof zhSearch = {
  searchUsage: (): Html =>
    html`Usage: ${code('/search words')}, e.g. ${code('/search 茅台')}.\nSeveral words must all appear: ${code('/search 茅台 减持')}\nOne source: ${code('#sichuanribao')} or ${code('#四川日报')}; a time window: ${code('@7d')}, ${code('@24h')}`,
  searchTotal: (total: number, page: number, pages: number): Html =>
    html`${bold(total)} result${total === 1 ? '' : 's'}${pages > 1 ? ` (page ${page + 1}/${pages})` : ''}`,
  searchNone: (query: string): Html =>
    html`No article contains ${bold(query)}. Try a shorter or more common word, drop the source or time filter, or use fewer words.`,
  unknownCategory: (word: string, suggestions: string[]): Html =>
    html`No source called ${bold(word)}. ${suggestions.length ? html`Did you mean: ${suggestions.join(', ')}` : html`See /categories.`}`,
  badTime: (word: string): Html =>
    html`Can't read the time filter ${bold(word)}; write it like ${code('@24h')}, ${code('@7d')} or ${code('@4w')}.`,
  tooManyTerms: (max: number): Html => html`Only the first ${max} words are used.`,
  staleSearch: 'This search has expired; please send /search again.',
  latestTitle: (what: string, n: number): Html => html`Newest ${n} from ${bold(what)}`,
  latestSite: 'the whole site',
  latestSubscriptions: 'your subscriptions',
  latestNone: (): Html => html`The archive is empty so far; please try again later.`,
  latestUsage: (): Html =>
    html`Usage: ${code('/latest [source] [n]')}, e.g. ${code('/latest sichuanribao 10')} (at most 20).`,
  readUsage: (): Html =>
    html`Usage: ${code('/read id')}; the id is on the ${enWords.full} buttons of results and pushes.`,
  readUnknown: (id: string): Html =>
    html`No article with id ${bold(id)} (it may have passed the retention period).`,
  readUnknownShort: 'This article is no longer in the archive.',
  readRest: (n: number): Html => html`${n} more paragraphs in the original:`,
  readSource: 'Original',
  readOpenPrivately:
    "Full texts can't be opened in a channel; send /start to the bot privately, then tap again.",
  readSentPrivately: 'Sent you the full text in a private chat.',
  readAlreadyShown: 'The full text was just posted above.',
};

export const enPush: typeof zhPush = {
  rollup: (n) => `${n} new posts`,
  catchUp: (n) => `${n} new posts during quiet hours`,
  more: (n) => `… and ${n} more`,
  digest: 'Digest',
};

export const enSmart: typeof zhSmart = {
  quietUsage: (current) =>
    html`Quiet hours: ${current ?? 'off'}. Usage: ${code('/quiet 23:00-07:00')} (this chat's zone) or ${code('/quiet off')}. Only 🔴 urgent news and 🔔 watch hits come through; one catch-up follows when they end.`,
  quietBad: (t) => html`Cannot read ${bold(t)}; write it as ${code('23:00-07:00')}.`,
  quietSet: (range, tz) => html`OK, quiet every day ${range} (${tz}); one catch-up follows.`,
  quietOff: () => html`Quiet hours are off.`,
  trading: ' (A-share trading days only)',
  settingsExtra: (s) =>
    html`Quiet hours: ${s.quiet ?? 'off'}\nDigests on trading days only: ${s.trading ? 'yes' : 'no'}\nUrgent and watch hits break through: ${s.breakThrough ? 'on' : 'off'}`,
  btnBreakThrough: (on) => `Break-through: ${on ? 'on' : 'off'}`,
  watchUsage: () =>
    html`Usage: ${code('/watch 贵州茅台 600519 降准')} adds terms, ${code('/unwatch 降准')} or ${code('/unwatch all')} removes them. Any article from any source that mentions one comes to you marked 🔔.`,
  watchList: (terms) =>
    terms.length ? html`🔔 Watching: ${words(terms, ', ')}` : html`No watched terms yet.`,
  watchAdded: (added) => html`Now watching: ${words(added, ', ')}`,
  watchAlready: (terms) => html`Already watching: ${words(terms, ', ')}`,
  watchBad: (term, reason) =>
    html`Cannot watch ${bold(term)}: ${reason === 'too-long' ? 'too long' : reason === 'empty' ? 'nothing to match' : 'too many terms'}`,
  watchFull: (max) => html`A chat can watch at most ${max} terms; /unwatch some first.`,
  watchBusy: () => html`The bot watches as many terms as it can; try again later.`,
  unwatchUsage: () => html`Usage: ${code('/unwatch 降准')} or ${code('/unwatch all')}`,
  unwatched: (terms) => (terms.length ? html`No longer watching: ${words(terms, ', ')}` : html`Not watched.`),
  filterUsage: () =>
    html`Usage: ${code('/filter emnews +降准 +降息 -广告')} (+ any must appear, - none may), ${code('/filter emnews off')} removes it.`,
  filterSet: (name, include, exclude) =>
    html`Filter for ${bold(name)}: ${filterText(include, exclude, 'none')}`,
  filterOff: (name) => html`Filter for ${bold(name)} removed.`,
  filterNotSubscribed: (name) => html`Not subscribed to ${bold(name)}; /sub first, then filter.`,
  filterTooMany: (max) => html`At most ${max} words in one filter.`,
  filterLine: (include, exclude) => html`  filter: ${filterText(include, exclude, 'none')}`,
};

const enReasons: Record<Parameters<typeof zhFeed.reason>[0], (limit: number) => string> = {
  off: () => 'This bot does not take feed URLs.',
  'admins-only': () => "Only the bot's operators can subscribe to feed URLs.",
  'chat-cap': (n) => `A chat can follow at most ${n} feed URLs.`,
  'bot-cap': () => 'The bot reached its limit of feeds; please ask its operator.',
  'over-limit': (n) => `You reached the limit of ${n} subscriptions.`,
  'bad-url': () => 'Only public http:// or https:// URLs can be subscribed.',
  refused: () => 'That address is not public; for safety it is not fetched.',
  dns: () => 'That site does not exist (the name does not resolve).',
  timeout: () => 'The site took too long to answer.',
  'too-large': () => 'That is too large to be a feed.',
  'too-many-redirects': () => 'That URL redirects too many times.',
  http: () => 'The site answered with an error.',
  network: () => 'Could not connect to that site.',
  'no-feed': () => 'No RSS/Atom feed found on that page.',
  unparsable: () => 'That feed cannot be read (not valid RSS, Atom or JSON Feed).',
};

export const enFeed: typeof zhFeed = {
  refused: (url, reason, limit) => html`❌ Cannot subscribe to ${code(url)}: ${enReasons[reason](limit)}`,
  stillReading: (words) =>
    html`Still reading the list of sources, try again in a minute: ${bold(words.join(' '))}`,
  exportCaption: (feeds, all) =>
    html`Subscriptions: ${feeds} feed URLs (OPML), ${all} items in all (JSON). Send a file back with the caption /import to restore.`,
  exportEmpty: () => html`No subscriptions yet: nothing to export.`,
  importUsage: () => html`Send a file from /export (OPML or JSON) with ${code('/import')} as its caption.`,
  importDone: (added, already) => html`Import done: ${added} added, ${already} already there.`,
  importLine: (line, why) => html`• ${line}: ${why}`,
  importUnreadable: () => html`Cannot read that file: expected the OPML or JSON that /export sends.`,
  importCapped: (n) => `at most ${n} items per import; the rest were skipped`,
  notFoundSource: 'no such source',
  reason: (reason, limit) => enReasons[reason](limit),
};
