import type { FakeChat } from './chats.ts';
import type { MethodContext, MethodHandler } from './context.ts';
import { SEND_METHODS } from './defaults.ts';
import { ApiFailure } from './errors.ts';
import type { Fault } from './faults.ts';
import { getFile } from './files.ts';
import { botMethods } from './methods-bot.ts';
import { messageMethods } from './methods-messages.ts';
import type { FakeState } from './state.ts';
import { assertUtf8 } from './validate.ts';

/** What the HTTP layer should do with a call. */
export type Reply =
  | { kind: 'json'; status: number; payload: unknown }
  | { kind: 'drop' }
  | { kind: 'hang'; ms?: number };

// Telegram matches method names case-insensitively
const METHODS = new Map<string, MethodHandler>(
  Object.entries({ ...messageMethods, ...botMethods, getFile }).map(([name, h]) => [name.toLowerCase(), h]),
);

/** Methods that write into a chat: refused when the bot was blocked, kicked or the group migrated. */
const WRITES_TO_CHAT = new Set([
  ...SEND_METHODS,
  'editMessageText',
  'editMessageCaption',
  'editMessageReplyMarkup',
  'sendChatAction',
]);

export interface CallInput {
  method: string;
  token: string;
  body: Record<string, unknown>;
  signal: AbortSignal;
  viaWebhookReply?: boolean;
  uploads?: ReadonlyMap<string, { name: string; bytes: Buffer }>;
}

export async function dispatch(state: FakeState, input: CallInput): Promise<Reply> {
  const now = state.now();
  const { method, body } = input;
  const record = state.log.start({
    method,
    token: input.token,
    body,
    time: now,
    viaWebhookReply: input.viaWebhookReply ?? false,
  });
  try {
    if (input.token !== state.token || state.tokenRevoked) throw new ApiFailure(401, 'Unauthorized', 'auth');
    const handler = METHODS.get(method.toLowerCase());
    if (!handler) throw new ApiFailure(404, 'Not Found: method not found', 'method');
    assertUtf8(body);
    let chat: FakeChat | undefined;
    if (body['chat_id'] !== undefined) {
      chat = state.chats.resolve(body['chat_id'], !state.knownChatsOnly);
      record.chatId = chat.id;
    } else if (method === 'answerCallbackQuery') {
      const query = state.queries.get(String(body['callback_query_id']));
      if (query?.chatId !== undefined) record.chatId = query.chatId;
    }
    if (chat && SEND_METHODS.has(method)) state.limiter.checkWindows(record.seq, method, chat.id, now);
    const fault = state.faults.match(method, record.chatId);
    let dropAfter = false;
    if (fault) {
      const early = applyFault(state, fault, record.chatId, now);
      if (early) {
        record.state = early.kind === 'drop' ? 'dropped' : early.kind === 'hang' ? 'hung' : 'error';
        if (early.kind === 'json') {
          record.errorCode = early.status;
          record.description = 'Internal Server Error';
          record.reason = 'fault';
        }
        return early;
      }
      dropAfter = fault.kind === 'drop';
      if (fault.kind === 'hang' && fault.ms) await new Promise((r) => setTimeout(r, fault.ms));
    }
    if (chat && WRITES_TO_CHAT.has(method)) state.chats.assertCanSend(chat);
    // a slow call takes effect when it is carried out, not when it arrived
    const doneAt = fault?.kind === 'hang' ? state.now() : now;
    const ctx: MethodContext = {
      state,
      body,
      record,
      chat,
      now: doneAt,
      signal: input.signal,
      ...(input.uploads ? { uploads: input.uploads } : {}),
    };
    const result = await handler(ctx);
    record.result = result;
    record.delivered = true;
    record.state = dropAfter ? 'dropped' : 'ok';
    return dropAfter ? { kind: 'drop' } : { kind: 'json', status: 200, payload: { ok: true, result } };
  } catch (error) {
    const failure =
      error instanceof ApiFailure
        ? error
        : new ApiFailure(500, `Internal Server Error: fake Telegram bug: ${String(error)}`, 'fault');
    record.state = 'error';
    record.errorCode = failure.errorCode;
    record.description = failure.description;
    record.reason = failure.reason;
    if (failure.parameters) record.parameters = failure.parameters;
    const payload = {
      ok: false,
      error_code: failure.errorCode,
      description: failure.description,
      ...(failure.parameters ? { parameters: failure.parameters } : {}),
    };
    return { kind: 'json', status: failure.errorCode, payload };
  } finally {
    state.log.settle(record);
  }
}

/** Returns the reply for faults that stop the call; throws for faults that are API errors. */
function applyFault(
  state: FakeState,
  fault: Fault,
  chatId: number | undefined,
  now: number,
): Reply | undefined {
  switch (fault.kind) {
    case 'server-error': {
      const status = fault.status ?? 500;
      return {
        kind: 'json',
        status,
        payload: { ok: false, error_code: status, description: 'Internal Server Error' },
      };
    }
    case 'drop':
      return fault.afterProcessing ? undefined : { kind: 'drop' };
    case 'hang':
      // with `ms` the call is only slow and then carried out; without, it never answers
      return fault.ms ? undefined : { kind: 'hang' };
    case 'retry-after': {
      const scope = fault.scope ?? (chatId === undefined ? 'global' : 'chat');
      return state.limiter.announce(scope, chatId ?? 0, fault.seconds, now, true);
    }
    case 'error':
      throw new ApiFailure(fault.code, fault.description, 'fault', fault.parameters);
  }
}
