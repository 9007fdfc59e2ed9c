import type { MiddlewareFn } from 'telegraf';
import type { BotContext } from '../context.ts';

/** A reply waits out a short flood wait instead of being lost; longer ones fail as before. */
const MAX_WAIT_S = 5;
const MAX_TRIES = 3;

const retryAfterOf = (err: unknown): number | undefined => {
  const e = err as {
    code?: number;
    response?: { error_code?: number; parameters?: { retry_after?: number } };
  };
  return (e.response?.error_code ?? e.code) === 429 ? e.response?.parameters?.retry_after : undefined;
};

/**
 * A user who types two commands in a second would otherwise see the second answer vanish
 * into a 429. Every Bot API call made while handling this update (each update has its own
 * Telegram object) honours retry_after up to a few seconds.
 */
export function floodRetry(
  sleep = (ms: number) => new Promise((r) => setTimeout(r, ms)),
): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    const telegram = ctx.telegram;
    const call = telegram.callApi.bind(telegram);
    telegram.callApi = (async (...args: Parameters<typeof call>) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await call(...args);
        } catch (err) {
          const wait = retryAfterOf(err);
          if (wait === undefined || wait > MAX_WAIT_S || attempt >= MAX_TRIES) throw err;
          ctx.log?.warn({ method: args[0], retryAfter: wait }, 'reply hit a flood wait; retrying');
          await sleep(wait * 1000 + 50);
        }
      }
    }) as typeof telegram.callApi;
    return next();
  };
}
