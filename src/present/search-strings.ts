import type { Lang } from '../chats/types.ts';
import { bold, code, type Html, html } from './html.ts';

/** The words of /search, /latest and /read, in Chinese and English. */
const zh = {
  searchUsage: (): Html =>
    html`用法：${code('/search 关键词')}，例如 ${code('/search 茅台')}。\n多个词用空格分开表示同时包含：${code('/search 茅台 减持')}\n限定来源：${code('#sichuanribao')} 或 ${code('#四川日报')}；限定时间：${code('@7d')}、${code('@24h')}`,
  searchTotal: (total: number, page: number, pages: number): Html =>
    html`共 ${bold(total)} 条结果${pages > 1 ? `（第 ${page + 1}/${pages} 页）` : ''}`,
  searchNone: (query: string): Html =>
    html`没有找到包含 ${bold(query)} 的文章。试试更短或更常见的词，去掉来源或时间限定，或少用几个词。`,
  unknownCategory: (word: string, suggestions: string[]): Html =>
    html`没有找到来源 ${bold(word)}。${suggestions.length ? html`你是不是想找：${suggestions.join('、')}` : html`用 /categories 查看来源。`}`,
  badTime: (word: string): Html =>
    html`看不懂时间限定 ${bold(word)}，请用 ${code('@24h')}、${code('@7d')} 或 ${code('@4w')} 这样的写法。`,
  tooManyTerms: (max: number): Html => html`最多只用前 ${max} 个关键词。`,
  alsoIn: (sources: string[]): Html => html`另见：${sources.slice(0, 10).join('、')}`,
  staleSearch: '这个搜索已过期，请重新发送 /search。',
  latestTitle: (what: string, n: number): Html => html`${bold(what)} 最新 ${n} 条`,
  latestSite: '全站',
  latestSubscriptions: '我的订阅',
  latestNone: (): Html => html`存档里还没有文章，稍后再试。`,
  latestUsage: (): Html =>
    html`用法：${code('/latest [来源] [条数]')}，例如 ${code('/latest 四川日报 10')}（最多 20 条）。`,
  readUsage: (): Html => html`用法：${code('/read 编号')}，编号见搜索结果和推送里的 全文 按钮。`,
  readUnknown: (id: string): Html => html`没有编号为 ${bold(id)} 的文章（可能已过保留期）。`,
  readUnknownShort: '这篇文章已不在存档里。',
  readRest: (n: number): Html => html`后面还有 ${n} 段，请看原文：`,
  readSource: '原文',
  readOpenPrivately: '频道里不能展开全文；请私聊机器人发送 /start，然后再点一次。',
  readSentPrivately: '全文已私信发给你。',
  readAlreadyShown: '全文刚刚已发在上方。',
  full: '全文',
};

export type SearchStrings = typeof zh;

const en: SearchStrings = {
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
  alsoIn: (sources: string[]): Html => html`See also: ${sources.slice(0, 10).join(', ')}`,
  staleSearch: 'This search has expired; please send /search again.',
  latestTitle: (what: string, n: number): Html => html`Newest ${n} from ${bold(what)}`,
  latestSite: 'the whole site',
  latestSubscriptions: 'your subscriptions',
  latestNone: (): Html => html`The archive is empty so far; please try again later.`,
  latestUsage: (): Html =>
    html`Usage: ${code('/latest [source] [n]')}, e.g. ${code('/latest sichuanribao 10')} (at most 20).`,
  readUsage: (): Html =>
    html`Usage: ${code('/read id')}; the id is on the Full text buttons of results and pushes.`,
  readUnknown: (id: string): Html =>
    html`No article with id ${bold(id)} (it may have passed the retention period).`,
  readUnknownShort: 'This article is no longer in the archive.',
  readRest: (n: number): Html => html`${n} more paragraphs in the original:`,
  readSource: 'Original',
  readOpenPrivately:
    "Full texts can't be opened in a channel; send /start to the bot privately, then tap again.",
  readSentPrivately: 'Sent you the full text in a private chat.',
  readAlreadyShown: 'The full text was just posted above.',
  full: 'Full text',
};

export function searchStrings(lang: Lang): SearchStrings {
  return lang === 'en' ? en : zh;
}
