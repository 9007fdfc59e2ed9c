import type { MiddlewareFn } from 'telegraf';
import type { SendGate } from '../../delivery/rate-limiter-types.ts';
import type { BotContext } from '../context.ts';
import { classifyBotError } from '../errors.ts';

/** A reply waits out a short flood wait instead of being lost; longer ones fail as before. */
const MAX_WAIT_S = 5;
const MAX_TRIES = 3;

/** Bot API methods that put a new message into a chat: they count against Telegram's rates. */
const SENDS =
  /^(send(Message|Photo|Document|Audio|Video|Animation|Voice|VideoNote|MediaGroup|Location|Venue|Contact|Poll|Dice|Sticker)|copyMessages?|forwardMessages?)$/;

/** how long a 429 asks us to wait; undefined for any other error (or a 429 that didn't say) */
const retryAfterOf = (err: unknown): number | undefined => {
  const e = classifyBotError(err);
  return e.kind === 'rate' ? e.retryAfterS : undefined;
};

/** the chat a send goes to; an @username (rare: channel checks) counts against the update's chat */
function sendTarget(ctx: BotContext, method: string, payload: unknown): number | undefined {
  if (!SENDS.test(method)) return undefined;
  const id = Number((payload as { chat_id?: unknown } | undefined)?.chat_id);
  return Number.isFinite(id) ? id : (ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id);
}

/**
 * Every Bot API call made while handling this update (each update has its own Telegram
 * object) goes through here. Messages take their turn at the app's send gate as replies, so a
 * burst of commands can't push the bot past SEND_RATE or a chat past its limit, and a 429 is
 * told to the gate, which holds that chat (and the pushes) for the announced window. A reply
 * waits out a flood wait of up to a few seconds instead of being lost; longer ones fail.
 */
export function floodRetry(
  gate: SendGate,
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const telegram = ctx.telegram;
    const call = telegram.callApi.bind(telegram);
    telegram.callApi = (async (...args: Parameters<typeof call>) => {
      const [method, payload] = args;
      const chatId = sendTarget(ctx, method, payload);
      for (let attempt = 1; ; attempt++) {
        if (chatId !== undefined) await gate.acquire(chatId, 'reply', { maxWaitMs: MAX_WAIT_S * 1000 });
        try {
          return await call(...args);
        } catch (err) {
          const wait = retryAfterOf(err);
          if (wait === undefined) throw err;
          if (chatId !== undefined) await gate.onRetryAfter(wait, chatId);
          if (wait > MAX_WAIT_S || attempt >= MAX_TRIES) throw err;
          ctx.log?.warn({ method, retryAfter: wait }, 'reply hit a flood wait; retrying');
          // a send's next turn already waits out the window; other calls sleep through it
          if (chatId === undefined) await sleep(wait * 1000 + 50);
        }
      }
    }) as typeof telegram.callApi;
    return next();
  };
}
