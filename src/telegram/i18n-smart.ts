import type { Lang } from '../chats/types.ts';
import { bold, code, type Html, html, join } from '../present/html.ts';

const words = (items: readonly string[], sep: string): Html =>
  join(
    items.map((i) => bold(i)),
    sep,
  );

/** Strings of smart delivery (quiet hours, trading days, watchlists, filters, break-through). */
const zh = {
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
    html`${bold(name)} 的过滤：${filterText('zh', include, exclude)}`,
  filterOff: (name: string): Html => html`已取消 ${bold(name)} 的过滤。`,
  filterNotSubscribed: (name: string): Html => html`还没有订阅 ${bold(name)}，先 /sub 再设过滤。`,
  filterTooMany: (max: number): Html => html`一个过滤最多 ${max} 个词。`,
  filterLine: (include: readonly string[], exclude: readonly string[]): Html =>
    html`  过滤：${filterText('zh', include, exclude)}`,
  seeAlso: '另见：',
};

const en: typeof zh = {
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
    html`Filter for ${bold(name)}: ${filterText('en', include, exclude)}`,
  filterOff: (name) => html`Filter for ${bold(name)} removed.`,
  filterNotSubscribed: (name) => html`Not subscribed to ${bold(name)}; /sub first, then filter.`,
  filterTooMany: (max) => html`At most ${max} words in one filter.`,
  filterLine: (include, exclude) => html`  filter: ${filterText('en', include, exclude)}`,
  seeAlso: 'See also: ',
};

function filterText(lang: Lang, include: readonly string[], exclude: readonly string[]): Html {
  const parts = [...include.map((w) => `+${w}`), ...exclude.map((w) => `-${w}`)];
  return parts.length ? html`${parts.join(' ')}` : html`${lang === 'zh' ? '无' : 'none'}`;
}

export type SmartMessages = typeof zh;

export function smart(lang: Lang): SmartMessages {
  return lang === 'en' ? en : zh;
}
