import { Composer } from 'telegraf';
import { join } from '../src/present/html.ts';
import { t } from '../src/present/strings/index.ts';
import { unsubscribe } from '../src/service/subscriptions.ts';
import { findSlug, PREFIX } from '../src/telegram/callback-data.ts';
import { onButton } from '../src/telegram/callbacks.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { renderList } from '../src/telegram/list-view.ts';
import { answer, edit, say } from '../src/telegram/reply.ts';
import { resolveTarget } from '../src/telegram/target.ts';

/** `/list [@channel]`: subscriptions, delivery mode and digest times; `unsub:` buttons. */
export const listCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const listMenu: MenuEntry = {
  command: 'list',
  scopes: EVERY_CHAT,
};

listCommand.command('list', async (ctx) => {
  // anyone may read a group's list; a channel's only its admins
  const picked = await resolveTarget(ctx, argsOf(ctx).slice(0, 1), { manage: false, needPost: false });
  if (!picked) return;
  const { target } = picked;
  const view = renderList(ctx, target.chat, {
    label: target.remote ? target.label : '',
    buttons: !target.remote,
  });
  await say(ctx, view.body, view.keyboard);
});

listCommand.use(
  onButton(PREFIX.unsubscribe, async (ctx, { payload }) => {
    if (!(await requireManager(ctx))) return;
    const chat = await ensureChat(ctx);
    const slug = findSlug(payload, Object.keys(chat.subscriptions));
    const m = t(ctx.lang);
    if (!slug || !(slug in chat.subscriptions)) {
      await answer(ctx, m.stale);
    } else {
      await unsubscribe(ctx.deps, chat.id, [slug]);
      await answer(ctx, m.nowUnsubscribed(ctx.deps.categories.label(slug)));
    }
    const fresh = (await ctx.deps.chats.get(chat.id)) ?? chat;
    const view = renderList(ctx, fresh, { label: '', buttons: true });
    // the list fits one message in the common case; a longer one keeps its first part here
    await edit(ctx, join(view.body, '\n\n'), view.keyboard);
  }),
);
