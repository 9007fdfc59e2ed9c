import type { FeedRefusal } from '../../sources/subscribe/add-feed.ts';
import { bold, code, type Html, html } from '../html.ts';
import { filterText, words } from './shared.ts';

/** Words more than one view shows: the 全文 button of pushes and results, the 另见 line. */
export const zhWords = {
  full: '全文',
  /** the other sources carrying one story, under a push or a search result */
  alsoIn: (sources: readonly string[]): Html => html`另见：${sources.slice(0, 10).join('、')}`,
};

/** /search, /latest and /read */
export const zhSearch = {
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
  staleSearch: '这个搜索已过期，请重新发送 /search。',
  latestTitle: (what: string, n: number): Html => html`${bold(what)} 最新 ${n} 条`,
  latestSite: '全站',
  latestSubscriptions: '我的订阅',
  latestNone: (): Html => html`存档里还没有文章，稍后再试。`,
  latestUsage: (): Html =>
    html`用法：${code('/latest [来源] [条数]')}，例如 ${code('/latest 四川日报 10')}（最多 20 条）。`,
  readUsage: (): Html => html`用法：${code('/read 编号')}，编号见搜索结果和推送里的 ${zhWords.full} 按钮。`,
  readUnknown: (id: string): Html => html`没有编号为 ${bold(id)} 的文章（可能已过保留期）。`,
  readUnknownShort: '这篇文章已不在存档里。',
  readRest: (n: number): Html => html`后面还有 ${n} 段，请看原文：`,
  readSource: '原文',
  readOpenPrivately: `频道里不能展开${zhWords.full}；请私聊机器人发送 /start，然后再点一次。`,
  readSentPrivately: `${zhWords.full}已私信发给你。`,
  readAlreadyShown: `${zhWords.full}刚刚已发在上方。`,
};

/** pushes, roll-ups and digests */
export const zhPush = {
  rollup: (n: number) => `${n} 条新消息`,
  catchUp: (n: number) => `免打扰期间的 ${n} 条新消息`,
  more: (n: number) => `…… 还有 ${n} 条`,
  digest: '快讯摘要',
};

/** admin alerts: ADMIN_IDS have no language setting, so one bilingual text serves both tables */
export const zhOps = {
  silent: (source: string, minutes: number): Html =>
    html`⚠️ <b>快讯 source alert</b>\n${source} has shown no new posts for ${minutes} min. 站点长时间没有新文章。`,
  unparsable: (source: string, polls: number): Html =>
    html`⚠️ <b>快讯 source alert</b>\n${source} answers but its posts no longer parse (${polls} polls in a row). 站点结构可能已变化。`,
  recovered: (source: string): Html =>
    html`✅ <b>快讯 source recovered</b>\n${source}: new posts are parsed again. 站点已恢复。`,
};

/** quiet hours, trading days, watchlists, filters, break-through */
export const zhSmart = {
  quietUsage: (current: string | undefined): Html =>
    html`免打扰：${current ?? '关闭'}。用法：${code('/quiet 23:00-07:00')}（本群时区）或 ${code('/quiet off')}。免打扰期间只有 🔴 紧急消息和 🔔 关注词会推送，结束时补发一条汇总。`,
  quietBad: (t: string): Html => html`看不懂 ${bold(t)}，请写成 ${code('23:00-07:00')}。`,
  quietSet: (range: string, tz: string): Html =>
    html`好的，每天 ${range}（${tz}）免打扰，结束时补发一条汇总。`,
  quietOff: (): Html => html`已关闭免打扰。`,
  trading: '（仅 A 股交易日）',
  settingsExtra: (s: { quiet: string | undefined; trading: boolean; breakThrough: boolean }): Html =>
    html`免打扰：${s.quiet ?? '关闭'}\n摘要只在交易日：${s.trading ? '是' : '否'}\n紧急消息与关注词穿透：${s.breakThrough ? '开' : '关'}`,
  btnBreakThrough: (on: boolean) => `紧急穿透：${on ? '开' : '关'}`,
  watchUsage: (): Html =>
    html`用法：${code('/watch 贵州茅台 600519 降准')} 添加关注词，${code('/unwatch 降准')} 或 ${code('/unwatch all')} 删除。任何来源的文章提到关注词都会 🔔 推送给你。`,
  watchList: (terms: readonly string[]): Html =>
    terms.length ? html`🔔 关注词：${words(terms, '、')}` : html`还没有关注词。`,
  watchAdded: (added: readonly string[]): Html => html`已关注：${words(added, '、')}`,
  watchAlready: (terms: readonly string[]): Html => html`已经在关注：${words(terms, '、')}`,
  watchBad: (term: string, reason: string): Html =>
    html`不能关注 ${bold(term)}：${reason === 'too-long' ? '太长了' : reason === 'empty' ? '没有可匹配的文字' : '关注词太多了'}`,
  watchFull: (max: number): Html => html`每个聊天最多 ${max} 个关注词，请先 /unwatch 一些。`,
  watchBusy: (): Html => html`关注词总数已达上限，请稍后再试。`,
  unwatchUsage: (): Html => html`用法：${code('/unwatch 降准')} 或 ${code('/unwatch all')}`,
  unwatched: (terms: readonly string[]): Html =>
    terms.length ? html`已取消关注：${words(terms, '、')}` : html`没有这个关注词。`,
  filterUsage: (): Html =>
    html`用法：${code('/filter 东财滚动 +降准 +降息 -广告')}（+ 任一出现才推送，- 出现就不推送），${code('/filter 东财滚动 off')} 取消。`,
  filterSet: (name: string, include: readonly string[], exclude: readonly string[]): Html =>
    html`${bold(name)} 的过滤：${filterText(include, exclude, '无')}`,
  filterOff: (name: string): Html => html`已取消 ${bold(name)} 的过滤。`,
  filterNotSubscribed: (name: string): Html => html`还没有订阅 ${bold(name)}，先 /sub 再设过滤。`,
  filterTooMany: (max: number): Html => html`一个过滤最多 ${max} 个词。`,
  filterLine: (include: readonly string[], exclude: readonly string[]): Html =>
    html`  过滤：${filterText(include, exclude, '无')}`,
};

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

/** feed subscriptions, /export and /import */
export const zhFeed = {
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
  /** why a feed or source was refused, without the ❌ line around it (import reports) */
  reason: (reason: FeedRefusal | 'over-limit', limit: number): string => zhReasons[reason](limit),
};
