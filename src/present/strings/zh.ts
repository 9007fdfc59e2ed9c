import type { StatsView } from '../../telegram/stats-view.ts';
import { bold, code, type Html, html, join } from '../html.ts';
import { list } from './shared.ts';
import { zhFeed, zhOps, zhPush, zhSearch, zhSmart, zhWords } from './zh-sections.ts';

/**
 * 中文, the default language: the command replies at the top level, each view's words in its
 * section. Every entry builds escaped Telegram HTML or is plain text for a button or toast.
 */
export const zh = {
  ...zhWords,
  search: zhSearch,
  push: zhPush,
  ops: zhOps,
  smart: zhSmart,
  feed: zhFeed,
  langName: '中文',
  /** each command's line in the "/" menu beside the message field (setMyCommands) */
  menu: {
    start: '开始使用',
    help: '帮助与命令',
    categories: '浏览和搜索来源',
    sub: '订阅来源',
    unsub: '取消订阅',
    list: '我的订阅',
    latest: '最新文章',
    search: '搜索存档',
    mode: '即时推送或定时摘要',
    digest: '摘要时间',
    watch: '关注词（任何来源）',
    filter: '订阅过滤',
    quiet: '免打扰时段',
    export: '导出订阅（OPML + JSON）',
    settings: '设置',
    lang: '语言 / Language',
  },
  /** the Mini App button beside the message field of private chats */
  appMenuButton: '设置',
  intro: html`${bold('快讯')}：把 finews（金融消息）上的新文章第一时间推送给你，附简短摘要。`,
  startPrivate: (): Html =>
    html`${zh.intro}\n\n订阅一个来源试试：${code('/sub 四川日报')}\n浏览全部来源：/categories\n所有命令：/help`,
  groupIntro: (): Html =>
    html`大家好！${zh.intro}\n\n管理员可以用 ${code('/sub 四川日报')} 为本群订阅，任何人都可以用 /latest、/search、/list 和 /help。`,
  help: (): Html =>
    join(
      [
        html`${zh.intro}`,
        '',
        html`${bold('订阅')}`,
        html`/categories [关键词] — 浏览、搜索来源（点按钮订阅）`,
        html`/sub 来源… — 订阅，可以写拼音、中文名、缩写，例如 ${code('/sub sichuanribao 东财滚动')}`,
        html`/sub 网址 — 订阅任意 RSS/Atom/JSON Feed（或含订阅链接的网页），/sub 财联社电报 — 7×24 快讯`,
        html`/unsub 来源…|all — 取消订阅`,
        html`/list — 我的订阅，/export — 导出（OPML + JSON），发送文件并附言 /import — 导入`,
        '',
        html`${bold('阅读')}`,
        html`/latest [来源] [条数] — 最新文章`,
        html`/search 关键词 — 搜索存档，例如 ${code('/search 茅台')}`,
        '',
        html`${bold('设置')}`,
        html`/mode instant|digest — 即时推送或定时摘要`,
        html`/digest 08:00 18:00|off|now — 摘要时间`,
        html`/watch 词… — 关注词（任何来源，🔔 推送），/unwatch 词|all`,
        html`/filter 来源 +词 -词|off — 订阅过滤`,
        html`/quiet 23:00-07:00|off — 免打扰时段`,
        html`/settings — 语言、链接预览、摘要、时区、紧急穿透`,
        html`/lang zh|en — 语言`,
        '',
        html`频道：在私聊中发送 ${code('/sub @频道 来源')}（你和机器人都须是频道管理员）。`,
      ],
      '\n',
    ),
  slowDown: (): Html => html`请慢一点，稍后再试。`,
  failed: (): Html => html`抱歉，出了点问题，请稍后再试。`,
  adminOnly: (): Html => html`只有群管理员可以修改本群的订阅和设置。`,
  operatorOnly: (): Html => html`这个命令只对机器人的运营者开放。`,
  unknown: (): Html => html`我不认识这个命令。发送 /help 查看全部命令，或用 ${code('/sub 四川日报')} 订阅。`,
  // subscriptions
  subUsage: (): Html =>
    html`用法：${code('/sub 来源…')}，例如 ${code('/sub sichuanribao')} 或 ${code('/sub 四川日报 东财滚动')}。浏览来源：/categories`,
  added: (names: string[]): Html => html`✅ 已订阅：${list(names, '、')}`,
  already: (names: string[]): Html => html`已经订阅过：${list(names, '、')}`,
  overLimit: (names: string[], max: number): Html =>
    html`⚠️ 已达上限 ${max} 个订阅，未能添加：${list(names, '、')}`,
  notFound: (q: string): Html => html`没有找到来源 ${bold(q)}。`,
  didYouMean: (): Html => html`你是不是要找（点按钮订阅）：`,
  unsubUsage: (): Html => html`用法：${code('/unsub 来源…')} 或 ${code('/unsub all')}。查看订阅：/list`,
  removed: (names: string[]): Html => html`已取消订阅：${list(names, '、')}`,
  notSubscribed: (names: string[]): Html => html`没有订阅：${list(names, '、')}`,
  nothingToRemove: (): Html => html`目前没有任何订阅。`,
  // list
  listEmpty: (): Html => html`还没有订阅。试试 ${code('/sub 四川日报')} 或 /categories。`,
  listHeader: (title: string, n: number): Html => html`${bold(title || '订阅')}：${n} 个来源`,
  modeLine: (mode: 'instant' | 'digest', times: string[], tz: string): Html =>
    mode === 'instant'
      ? html`推送方式：即时推送（时区 ${tz}）`
      : html`推送方式：定时摘要，${times.length ? times.join('、') : '未设定时间'}（${tz}）`,
  moreInList: (n: number): Html => html`……还有 ${n} 个，用 /unsub 取消。`,
  // mode / digest / lang
  modeUsage: (current: string): Html =>
    html`当前：${current}。用法：${code('/mode instant')} 或 ${code('/mode digest')}`,
  modeName: (mode: 'instant' | 'digest'): string => (mode === 'instant' ? '即时推送' : '定时摘要'),
  modeSet: (mode: 'instant' | 'digest', times: string[]): Html =>
    mode === 'instant'
      ? html`好的，新文章会即时推送。`
      : html`好的，每天 ${times.join('、')} 发送摘要。修改时间：${code('/digest 07:30 20:00')}`,
  digestUsage: (times: string[]): Html =>
    html`摘要时间：${times.length ? times.join('、') : '关闭'}。用法：${code('/digest 08:00 18:00')}、${code('/digest off')}、${code('/digest now')}`,
  digestBadTime: (t: string): Html => html`看不懂时间 ${bold(t)}，请用 24 小时制 HH:MM，例如 07:30。`,
  digestSet: (times: string[], tz: string): Html => html`好的，每天 ${times.join('、')}（${tz}）发送摘要。`,
  digestOff: (): Html => html`已关闭定时摘要，改为即时推送。`,
  digestNow: (n: number): Html => (n > 0 ? html`摘要马上就到。` : html`自上次摘要以来没有新文章。`),
  langUsage: (): Html => html`用法：${code('/lang zh')} 或 ${code('/lang en')}`,
  langSet: (): Html => html`好的，以后用中文回复。`,
  // settings
  settingsTitle: (): Html => html`${bold('设置')}（点按钮修改）`,
  settingsBody: (s: { lang: string; preview: boolean; summary: boolean; mode: string; tz: string }): Html =>
    html`语言：${s.lang}\n链接预览：${s.preview ? '开' : '关'}\n摘要：${s.summary ? '显示' : '不显示'}\n推送方式：${s.mode}\n时区：${s.tz}\n\n其他时区：${code('/settings tz Europe/Berlin')}`,
  btnLang: 'English',
  btnOpenApp: '⚙️ 在应用中设置（来源、摘要时间、阅读）',
  btnPreview: (on: boolean) => `链接预览：${on ? '开' : '关'}`,
  btnSummary: (on: boolean) => `摘要：${on ? '显示' : '不显示'}`,
  btnMode: (mode: 'instant' | 'digest') => `推送：${mode === 'instant' ? '即时' : '定时摘要'}`,
  tzBad: (tz: string): Html => html`不认识时区 ${bold(tz)}，请用 IANA 名称，例如 ${code('Europe/Berlin')}。`,
  tzSet: (tz: string): Html => html`时区已设为 ${tz}。`,
  saved: '已保存',
  // categories
  catsPopular: (): Html => html`${bold('热门来源')}（点按钮订阅或取消）`,
  catsFor: (q: string, n: number): Html => html`与 ${bold(q)} 匹配的来源：${n} 个（点按钮订阅或取消）`,
  catsNone: (q: string): Html => html`没有与 ${bold(q)} 匹配的来源。试试拼音、缩写或中文名。`,
  catsEmpty: (): Html => html`还没有读到任何来源，请稍后再试。`,
  nowSubscribed: (name: string) => `已订阅 ${name}`,
  nowUnsubscribed: (name: string) => `已取消 ${name}`,
  stale: '这个按钮已失效，请重新发送命令。',
  // channels
  channelPrivateOnly: (): Html => html`请在与机器人的私聊中管理频道。`,
  channelNotFound: (ref: string): Html => html`找不到频道 ${bold(ref)}，请确认机器人已被加入该频道。`,
  channelNotAdmin: (ref: string): Html => html`你不是 ${bold(ref)} 的管理员。`,
  channelBotCannotPost: (ref: string): Html =>
    html`机器人还不能在 ${bold(ref)} 发消息：请把它设为管理员并允许“发布消息”。`,
  // stats
  stats: (s: StatsView): Html =>
    html`${bold('运行状态')}\n聊天：${s.chats}（活跃 ${s.active}）\n订阅：${s.subs}\n文章：${s.articles}\n待发送：${s.queue}\n上次抓取：${s.lastPoll}`,
};

/** The shape of every language's table. */
export type Strings = typeof zh;
