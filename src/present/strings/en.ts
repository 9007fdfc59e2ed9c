import type { StatsView } from '../../telegram/stats-view.ts';
import { bold, code, type Html, html, join } from '../html.ts';
import { enFeed, enPush, enSearch, enSmart, enWords } from './en-sections.ts';
import { list } from './shared.ts';
import type { Strings } from './zh.ts';
import { zhOps } from './zh-sections.ts';

/** English, for users whose Telegram speaks English or who chose /lang en: the same shape as zh. */
export const en: Strings = {
  ...enWords,
  search: enSearch,
  push: enPush,
  // the alert text is bilingual already (see zh-sections.ts)
  ops: zhOps,
  smart: enSmart,
  feed: enFeed,
  langName: 'English',
  /** each command's line in the "/" menu beside the message field (setMyCommands) */
  menu: {
    start: 'Get started',
    help: 'Help and commands',
    categories: 'Browse and search sources',
    sub: 'Subscribe to sources',
    unsub: 'Unsubscribe',
    list: 'Your subscriptions',
    latest: 'Newest posts',
    search: 'Search the archive',
    mode: 'Instant pushes or digests',
    digest: 'Digest times',
    watch: 'Watch terms across all sources',
    filter: 'Filter a subscription',
    quiet: 'Quiet hours',
    export: 'Export subscriptions (OPML + JSON)',
    settings: 'Settings',
    lang: 'Language / 语言',
  },
  appMenuButton: 'Settings',
  intro: html`${bold('Kuaixun')}: new posts from finews (Chinese financial news) as soon as they appear, each with a short summary.`,
  startPrivate: (): Html =>
    html`${en.intro}\n\nTry a source: ${code('/sub sichuanribao')}\nBrowse sources: /categories\nAll commands: /help`,
  groupIntro: (): Html =>
    html`Hello everyone! ${en.intro}\n\nAdmins can subscribe this group with ${code('/sub sichuanribao')}; anyone can use /latest, /search, /list and /help.`,
  help: (): Html =>
    join(
      [
        html`${en.intro}`,
        '',
        html`${bold('Subscriptions')}`,
        html`/categories [query] — browse and search sources (tap to subscribe)`,
        html`/sub source… — subscribe by pinyin, Chinese name or initials, e.g. ${code('/sub sichuanribao 东财滚动')}`,
        html`/sub URL — any RSS/Atom/JSON Feed (or a page that links one); /sub cls — the 7×24 finance wires`,
        html`/unsub source…|all — unsubscribe`,
        html`/list — your subscriptions; /export — OPML + JSON; send the file captioned /import to restore`,
        '',
        html`${bold('Reading')}`,
        html`/latest [source] [n] — newest posts`,
        html`/search words — search the archive, e.g. ${code('/search 茅台')}`,
        '',
        html`${bold('Settings')}`,
        html`/mode instant|digest — push each post or send digests`,
        html`/digest 08:00 18:00|off|now — digest times`,
        html`/watch term… — watch terms across all sources (🔔), /unwatch term|all`,
        html`/filter source +word -word|off — filter a subscription`,
        html`/quiet 23:00-07:00|off — quiet hours`,
        html`/settings — language, link previews, summaries, time zone, break-through`,
        html`/lang zh|en — language`,
        '',
        html`Channels: in a private chat send ${code('/sub @channel source')} (you and the bot must be channel admins).`,
      ],
      '\n',
    ),
  slowDown: (): Html => html`Please slow down a little and try again in a moment.`,
  failed: (): Html => html`Sorry, something went wrong. Please try again later.`,
  adminOnly: (): Html => html`Only group admins can change this group's subscriptions and settings.`,
  operatorOnly: (): Html => html`This command is for the bot's operators only.`,
  unknown: (): Html =>
    html`I don't know that command. Send /help for the list, or subscribe with ${code('/sub sichuanribao')}.`,
  subUsage: (): Html =>
    html`Usage: ${code('/sub source…')}, e.g. ${code('/sub sichuanribao')} or ${code('/sub 四川日报 emnews')}. Browse: /categories`,
  added: (names: string[]): Html => html`✅ Subscribed: ${list(names, ', ')}`,
  already: (names: string[]): Html => html`Already subscribed: ${list(names, ', ')}`,
  overLimit: (names: string[], max: number): Html =>
    html`⚠️ You reached the limit of ${max} subscriptions; not added: ${list(names, ', ')}`,
  notFound: (q: string): Html => html`No source called ${bold(q)}.`,
  didYouMean: (): Html => html`Did you mean (tap to subscribe):`,
  unsubUsage: (): Html => html`Usage: ${code('/unsub source…')} or ${code('/unsub all')}. See /list`,
  removed: (names: string[]): Html => html`Unsubscribed: ${list(names, ', ')}`,
  notSubscribed: (names: string[]): Html => html`Not subscribed: ${list(names, ', ')}`,
  nothingToRemove: (): Html => html`There are no subscriptions yet.`,
  listEmpty: (): Html => html`No subscriptions yet. Try ${code('/sub sichuanribao')} or /categories.`,
  listHeader: (title: string, n: number): Html => html`${bold(title || 'Subscriptions')}: ${n} sources`,
  modeLine: (mode: 'instant' | 'digest', times: string[], tz: string): Html =>
    mode === 'instant'
      ? html`Delivery: instant (time zone ${tz})`
      : html`Delivery: digests at ${times.length ? times.join(', ') : 'no time set'} (${tz})`,
  moreInList: (n: number): Html => html`…and ${n} more; use /unsub to remove them.`,
  modeUsage: (current: string): Html =>
    html`Now: ${current}. Usage: ${code('/mode instant')} or ${code('/mode digest')}`,
  modeName: (mode: 'instant' | 'digest'): string => (mode === 'instant' ? 'instant' : 'digest'),
  modeSet: (mode: 'instant' | 'digest', times: string[]): Html =>
    mode === 'instant'
      ? html`OK, each new post will be pushed at once.`
      : html`OK, digests at ${times.join(', ')} every day. Change: ${code('/digest 07:30 20:00')}`,
  digestUsage: (times: string[]): Html =>
    html`Digest times: ${times.length ? times.join(', ') : 'off'}. Usage: ${code('/digest 08:00 18:00')}, ${code('/digest off')}, ${code('/digest now')}`,
  digestBadTime: (t: string): Html => html`Can't read the time ${bold(t)}; use 24-hour HH:MM such as 07:30.`,
  digestSet: (times: string[], tz: string): Html =>
    html`OK, digests at ${times.join(', ')} (${tz}) every day.`,
  digestOff: (): Html => html`Digests are off; new posts will be pushed at once.`,
  digestNow: (n: number): Html =>
    n > 0 ? html`Your digest is on its way.` : html`Nothing new since the last digest.`,
  langUsage: (): Html => html`Usage: ${code('/lang zh')} or ${code('/lang en')}`,
  langSet: (): Html => html`OK, I will answer in English.`,
  settingsTitle: (): Html => html`${bold('Settings')} (tap to change)`,
  settingsBody: (s: { lang: string; preview: boolean; summary: boolean; mode: string; tz: string }): Html =>
    html`Language: ${s.lang}\nLink previews: ${s.preview ? 'on' : 'off'}\nSummaries: ${s.summary ? 'shown' : 'hidden'}\nDelivery: ${s.mode}\nTime zone: ${s.tz}\n\nOther zones: ${code('/settings tz Europe/Berlin')}`,
  btnLang: '中文',
  btnOpenApp: '⚙️ Open the app (sources, digest times, reader)',
  btnPreview: (on: boolean) => `Link previews: ${on ? 'on' : 'off'}`,
  btnSummary: (on: boolean) => `Summaries: ${on ? 'shown' : 'hidden'}`,
  btnMode: (mode: 'instant' | 'digest') => `Delivery: ${mode}`,
  tzBad: (tz: string): Html =>
    html`Unknown time zone ${bold(tz)}; use an IANA name such as ${code('Europe/Berlin')}.`,
  tzSet: (tz: string): Html => html`Time zone set to ${tz}.`,
  saved: 'Saved',
  catsPopular: (): Html => html`${bold('Popular sources')} (tap to subscribe or unsubscribe)`,
  catsFor: (q: string, n: number): Html =>
    html`Sources matching ${bold(q)}: ${n} (tap to subscribe or unsubscribe)`,
  catsNone: (q: string): Html =>
    html`No source matches ${bold(q)}. Try pinyin, initials or the Chinese name.`,
  catsEmpty: (): Html => html`No sources read yet; please try again later.`,
  nowSubscribed: (name: string) => `Subscribed to ${name}`,
  nowUnsubscribed: (name: string) => `Unsubscribed from ${name}`,
  stale: 'This button has expired; please send the command again.',
  channelPrivateOnly: (): Html => html`Please manage channels in a private chat with me.`,
  channelNotFound: (ref: string): Html =>
    html`Can't find the channel ${bold(ref)}; make sure the bot was added to it.`,
  channelNotAdmin: (ref: string): Html => html`You are not an admin of ${bold(ref)}.`,
  channelBotCannotPost: (ref: string): Html =>
    html`I can't post in ${bold(ref)} yet: make me an admin allowed to post messages.`,
  stats: (s: StatsView): Html =>
    html`${bold('Status')}\nChats: ${s.chats} (${s.active} active)\nSubscriptions: ${s.subs}\nArticles: ${s.articles}\nQueue: ${s.queue}\nLast poll: ${s.lastPoll}`,
};
