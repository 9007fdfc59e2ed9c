import type { Deps } from '../deps.ts';
import { classifyBotError } from '../telegram/errors.ts';

type Extra = Parameters<Deps['telegram']['sendMessage']>[2];

/**
 * One message that is not an outbox row (an admin alert), sent at the send gate's pace: it
 * counts against SEND_RATE and the chat's window like a command reply, and a 429 it meets is
 * told to the gate so the pushes and replies behind it wait the window out too.
 */
export async function sendThroughGate(
  deps: Pick<Deps, 'sendGate' | 'telegram'>,
  chatId: number,
  text: string,
  extra?: Extra,
): Promise<void> {
  await deps.sendGate.acquire(chatId, 'reply', { maxWaitMs: 60_000 });
  try {
    await deps.telegram.sendMessage(chatId, text, extra);
  } catch (err) {
    const e = classifyBotError(err);
    if (e.kind === 'rate' && e.retryAfterS !== undefined)
      await deps.sendGate.onRetryAfter(e.retryAfterS, chatId);
    throw err;
  }
}
