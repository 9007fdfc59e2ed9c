import type { Telegraf } from 'telegraf';
import type { Logger } from '../log.ts';
import type { HeldLease } from '../storage/redis/lease.ts';
import type { BotContext } from './context.ts';
import { classifyBotError } from './errors.ts';

export interface Receiver {
  /** whether this instance's long polling loop runs (or is starting) */
  readonly polling: boolean;
  /** stops polling, then gives the lease up so another instance takes over at once */
  stop(): Promise<void>;
}

export interface LeasedPollingOptions {
  bot: Telegraf<BotContext>;
  /** starts competing for the receiver lease (Coordination.holdReceiver) */
  hold: (o: { onAcquired: () => void; onLost: () => void }) => HeldLease;
  log: Logger;
  /** a Telegram answer that makes polling pointless (401: the token was revoked) */
  onFatal: (err: unknown) => void;
  /** how long to wait before polling again after a 409 */
  retryMs?: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Long polling on the instance that holds the receiver lease, and only there: Telegram allows
 * one getUpdates consumer per token and answers a second with 409. Losing the lease stops
 * polling; the instance keeps running its share of jobs (job leases) and sends (the gate).
 */
export function pollWhileLeased(o: LeasedPollingOptions): Receiver {
  const retryMs = o.retryMs ?? 2_000;
  let wanted = false;
  let closed = false;
  let loop: Promise<void> | undefined;

  const run = async () => {
    while (wanted && !closed) {
      try {
        o.log.info('receiver lease held: long polling for updates');
        // in polling mode launch returns only once bot.stop() ended the loop
        await o.bot.launch({ dropPendingUpdates: false });
      } catch (err) {
        if (!wanted || closed) return;
        if (classifyBotError(err).kind === 'unauthorized') {
          wanted = false;
          o.onFatal(err);
          return;
        }
        // a 409: the previous holder's last getUpdates (telegraf confirms the offset on its way
        // out) can still land after we took over, and is gone by the next try. Anything else
        // (network, 5xx on deleteWebhook) is passing too: start-up already proved token and API
        o.log.warn({ err }, 'receiver: could not start polling; trying again shortly');
        await sleep(retryMs);
      }
    }
  };

  const begin = () => {
    wanted = true;
    loop ??= run().finally(() => {
      loop = undefined;
      if (wanted && !closed) begin();
    });
  };

  const halt = async (reason: string) => {
    wanted = false;
    // launch first deletes a webhook, then starts its loop: a stop landing in between finds no
    // loop to end, so it is repeated until launch has returned
    while (loop && !wanted) {
      try {
        o.bot.stop(reason);
      } catch {
        // telegraf throws when it never launched yet; the next round catches the loop
      }
      await Promise.race([loop, sleep(100)]);
    }
  };

  const lease = o.hold({
    onAcquired: () => {
      if (!closed) begin();
    },
    onLost: () => {
      o.log.warn('receiver lease lost: polling stops here; jobs and sends carry on');
      void halt('receiver lease lost');
    },
  });

  return {
    get polling() {
      return loop !== undefined;
    },
    async stop() {
      closed = true;
      // polling ends before the lease is released, so the successor's first getUpdates meets
      // nothing of ours (else Telegram ends one of them with 409); bounded for an API that hangs
      await Promise.race([halt('stopping'), sleep(5_000)]);
      await lease.stop();
    },
  };
}
