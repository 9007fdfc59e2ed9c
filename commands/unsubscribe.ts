import { Composer } from 'telegraf';
import { type Html, html } from '../src/present/html.ts';
import { t } from '../src/present/strings/index.ts';
import { unsubscribe } from '../src/service/subscriptions.ts';
import { feedUrlOf, looksLikeUrl } from '../src/sources/subscribe/add-feed.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';
import { resolveTarget } from '../src/telegram/target.ts';

/** `/unsubscribe` (`/unsub`) `[@channel] <category…|all>`. */
export const unsubscribeCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const unsubscribeMenu: MenuEntry = {
  command: 'unsub',
  scopes: EVERY_CHAT,
};

unsubscribeCommand.command(['unsubscribe', 'unsub'], async (ctx) => {
  const m = t(ctx.lang);
  const picked = await resolveTarget(ctx, argsOf(ctx), { manage: true, needPost: false });
  if (!picked) return;
  const { target, rest } = picked;
  const { deps } = ctx;
  if (!rest.length) return say(ctx, m.unsubUsage());
  const current = Object.keys(target.chat.subscriptions);
  if (!current.length) return say(ctx, m.nothingToRemove());
  const blocks: Html[] = target.remote ? [html`📢 ${target.label}`] : [];
  if (rest.some((w) => w.toLowerCase() === 'all' || w === '全部')) {
    const removed = await unsubscribe(deps, target.chat.id, 'all');
    blocks.push(m.removed(removed.map((s) => deps.categories.label(s))));
    return say(ctx, blocks);
  }
  const slugs: string[] = [];
  const unknown: string[] = [];
  for (const word of rest) {
    // match against what the chat holds first, so a slug gone from the registry can still go
    const named = deps.categories.among(word, current);
    // a feed may also go by its URL, as it was subscribed
    const url = looksLikeUrl(word) ? feedUrlOf(word) : null;
    const viaUrl = url ? (await deps.feeds.byUrl(url))?.slug : undefined;
    const slug = named ?? (viaUrl && current.includes(viaUrl) ? viaUrl : undefined);
    if (slug) slugs.push(slug);
    else unknown.push(word);
  }
  const removed = slugs.length ? await unsubscribe(deps, target.chat.id, slugs) : [];
  if (removed.length) blocks.push(m.removed(removed.map((s) => deps.categories.label(s))));
  if (unknown.length) blocks.push(m.notSubscribed(unknown));
  await say(ctx, blocks);
});
