import type { Lang } from '../chats/types.ts';
import { bold, code, type Html, html } from '../present/html.ts';
import type { FeedRefusal } from '../sources/subscribe/add-feed.ts';

type Reasons = Record<FeedRefusal | 'over-limit', (limit: number) => string>;

const zhReasons: Reasons = {
  off: () => '本机器人没有开放订阅网址。',
  'admins-only': () => '只有机器人的运营者可以订阅网址。',
  'chat-cap': (n) => `每个聊天最多订阅 ${n} 个网址。`,
  'bot-cap': () => '机器人订阅的网址已达上限，请联系运营者。',
  'over-limit': (n) => `已达上限 ${n} 个订阅。`,
  'bad-url': () => '只能订阅 http:// 或 https:// 开头的公开网址。',
  refused: () => '这个地址不是公网地址，出于安全原因不会访问。',
  dns: () => '找不到这个网站（域名无法解析）。',
  timeout: () => '网站太久没有回应。',
  'too-large': () => '内容太大，不像是一个订阅源。',
  'too-many-redirects': () => '网址跳转次数太多。',
  http: () => '网站返回了错误。',
  network: () => '连不上这个网站。',
  'no-feed': () => '这个网页上没有找到 RSS/Atom 订阅源。',
  unparsable: () => '读不懂这个订阅源（不是有效的 RSS、Atom 或 JSON Feed）。',
};

const enReasons: Reasons = {
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

/** The words of feed subscriptions, /export and /import, in Chinese and English. */
const zh = {
  refused: (url: string, reason: FeedRefusal | 'over-limit', limit: number): Html =>
    html`❌ 无法订阅 ${code(url)}：${zhReasons[reason](limit)}`,
  stillReading: (words: string[]): Html => html`还在读取来源列表，请过一分钟再试：${bold(words.join(' '))}`,
  exportCaption: (feeds: number, all: number): Html =>
    html`订阅导出：${feeds} 个网址（OPML），全部 ${all} 项（JSON）。把文件发回并写说明 /import 即可恢复。`,
  exportEmpty: (): Html => html`还没有订阅，没有可导出的内容。`,
  importUsage: (): Html => html`发送 /export 得到的 OPML 或 JSON 文件，并在说明里写 ${code('/import')}。`,
  importDone: (added: number, already: number): Html =>
    html`导入完成：新增 ${added} 项，已存在 ${already} 项。`,
  importLine: (line: string, why: string): Html => html`• ${line}：${why}`,
  importUnreadable: (): Html => html`读不懂这个文件：应为 /export 导出的 OPML 或 JSON。`,
  importCapped: (n: number): string => `每次最多导入 ${n} 项，其余已忽略`,
  notFoundSource: '没有这个来源',
};

const en: typeof zh = {
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
};

export const feedStrings = (lang: Lang): typeof zh => (lang === 'en' ? en : zh);
export const refusalText = (lang: Lang, reason: FeedRefusal | 'over-limit', limit: number): string =>
  (lang === 'en' ? enReasons : zhReasons)[reason](limit);
