import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import { subscribe } from '../src/service/subscriptions.ts';
import { findSlug, PREFIX } from '../src/telegram/callback-data.ts';
import { onButton } from '../src/telegram/callbacks.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { answer, plain, say } from '../src/telegram/reply.ts';
import { subscribeWords } from '../src/telegram/subscribe-flow.ts';
import { resolveTarget } from '../src/telegram/target.ts';

/** `/subscribe` (`/sub`) `[@channel] <category…>` and the suggestion buttons (`sub:`). */
export const subscribeCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const subscribeMenu: MenuEntry = {
  command: 'sub',
  scopes: EVERY_CHAT,
};

subscribeCommand.command(['subscribe', 'sub'], async (ctx) => {
  const args = argsOf(ctx);
  const picked = await resolveTarget(ctx, args, { manage: true });
  if (!picked) return;
  if (!picked.rest.length) return say(ctx, t(ctx.lang).subUsage());
  await subscribeWords(ctx, picked.target, picked.rest);
});

subscribeCommand.use(
  onButton(PREFIX.subscribe, async (ctx, { payload }) => {
    if (!(await requireManager(ctx))) return;
    const { deps } = ctx;
    const slug = findSlug(
      payload,
      deps.registry.all().map((c) => c.slug),
    );
    if (!slug || !deps.registry.get(slug)) return answer(ctx, t(ctx.lang).stale);
    const chat = await ensureChat(ctx);
    const res = await subscribe(deps, chat.id, [slug]);
    const m = t(ctx.lang);
    const name = deps.categories.label(slug);
    if (res.overLimit.length)
      return answer(ctx, plain(m.overLimit([name], deps.config.MAX_SUBSCRIPTIONS)), true);
    await answer(ctx, m.nowSubscribed(name));
    if (res.added.length) await say(ctx, m.added([name]));
  }),
);
