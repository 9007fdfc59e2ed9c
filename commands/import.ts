import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import type { Html } from '../src/present/html.ts';
import { t } from '../src/present/strings/index.ts';
import { applyImport } from '../src/sources/exchange/apply.ts';
import { IMPORT_MAX, IMPORT_MAX_BYTES, planImport } from '../src/sources/exchange/import.ts';
import type { FeedRefusal } from '../src/sources/subscribe/add-feed.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { ensureChat, isOperator, requireManager } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

const IMPORT_CAPTION = /^\/import(@\w+)?(\s|$)/i;
const DOWNLOAD_TIMEOUT_MS = 15_000;

/** `/import` as the caption of a file from /export (OPML or JSON): restores it into this chat. */
export const importCommand = new Composer<BotContext>();

importCommand.command('import', (ctx) => say(ctx, t(ctx.lang).feed.importUsage()));

importCommand.on(message('document'), async (ctx, next) => {
  if (!IMPORT_CAPTION.test(ctx.message.caption ?? '')) return next();
  if (!(await requireManager(ctx))) return;
  const s = t(ctx.lang).feed;
  const doc = ctx.message.document;
  const text = (doc.file_size ?? 0) > IMPORT_MAX_BYTES ? null : await download(ctx, doc.file_id);
  const plan = text === null ? null : planImport(text);
  if (!plan) return say(ctx, s.importUnreadable());
  const chat = await ensureChat(ctx);
  const res = await applyImport(ctx.deps, chat.id, plan, { operator: isOperator(ctx) });
  const limit = ctx.deps.config.MAX_FEEDS_PER_CHAT;
  const why = (w: string) =>
    w === 'unknown-source'
      ? s.notFoundSource
      : w in REASONS
        ? s.reason(w as FeedRefusal, w === 'over-limit' ? ctx.deps.config.MAX_SUBSCRIPTIONS : limit)
        : w;
  const blocks: Html[] = [
    s.importDone(res.added, res.already),
    ...res.errors.map((e) => s.importLine(e.line, why(e.why))),
  ];
  if (res.skipped) blocks.push(s.importLine(`+${res.skipped}`, s.importCapped(IMPORT_MAX)));
  await say(ctx, blocks);
});

const REASONS: Record<FeedRefusal | 'over-limit', true> = {
  off: true,
  'admins-only': true,
  'chat-cap': true,
  'bot-cap': true,
  'over-limit': true,
  'bad-url': true,
  refused: true,
  dns: true,
  timeout: true,
  'too-large': true,
  'too-many-redirects': true,
  http: true,
  network: true,
  'no-feed': true,
  unparsable: true,
};

/** The file's text via the Bot API file link; its URL holds the token, so it is never logged. */
async function download(ctx: BotContext, fileId: string): Promise<string | null> {
  try {
    const link = await ctx.telegram.getFileLink(fileId);
    const res = await fetch(link, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!res.ok) return null;
    const bytes = Buffer.from(await res.arrayBuffer());
    return bytes.length > IMPORT_MAX_BYTES ? null : bytes.toString('utf8');
  } catch (err) {
    ctx.log.warn({ reason: (err as Error).name }, 'could not download the /import file');
    return null;
  }
}
