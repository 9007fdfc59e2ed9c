import type { Update } from 'telegraf/types';
import type { CallRecord } from './calls.ts';
import { dispatch } from './router.ts';
import type { FakeState } from './state.ts';

export interface WebhookPostOptions {
  /** default: the URL set with setWebhook */
  url?: string;
  /** default: the secret set with setWebhook; null sends no secret header; a string overrides */
  secretToken?: string | null;
  timeoutMs?: number;
}

export interface WebhookPostResult {
  status: number;
  body: unknown;
  /** a Bot API call the bot made in its HTTP reply (telegraf's webhookReply), executed by the fake */
  replyCall?: CallRecord;
}

/** Delivers one update the way Telegram does: POST JSON with the secret header. */
export async function postToWebhook(
  state: FakeState,
  update: Update,
  opts: WebhookPostOptions = {},
): Promise<WebhookPostResult> {
  const url = opts.url ?? state.webhook?.url;
  if (!url) throw new Error('fake Telegram: no webhook URL (call setWebhook first or pass url)');
  const secret = opts.secretToken === undefined ? state.webhook?.secretToken : opts.secretToken;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    body: JSON.stringify(update),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  const result: WebhookPostResult = { status: res.status, body };
  const reply = body as { method?: unknown } | undefined;
  if (res.ok && reply && typeof reply === 'object' && typeof reply.method === 'string') {
    const { method, ...params } = reply as Record<string, unknown> & { method: string };
    await dispatch(state, {
      method,
      token: state.token,
      body: params,
      signal: new AbortController().signal,
      viaWebhookReply: true,
    });
    const call = state.log.calls[state.log.calls.length - 1];
    if (call) result.replyCall = call;
  }
  return result;
}
