import type { CallRecord } from './calls.ts';
import type { FakeChat } from './chats.ts';
import { badRequest } from './errors.ts';
import type { FakeState } from './state.ts';

/** What a method handler gets: the shared state, the call, and its chat once resolved. */
export interface MethodContext {
  state: FakeState;
  body: Record<string, unknown>;
  record: CallRecord;
  chat: FakeChat | undefined;
  now: number;
  /** aborted when the client goes away (held getUpdates) */
  signal: AbortSignal;
  /** multipart uploads of this call, by field name */
  uploads?: ReadonlyMap<string, { name: string; bytes: Buffer }>;
}

export type MethodHandler = (ctx: MethodContext) => unknown;

export function requireChat(ctx: MethodContext): FakeChat {
  if (!ctx.chat) throw badRequest('chat_id is empty');
  return ctx.chat;
}

export function intParam(ctx: MethodContext, name: string): number {
  const raw = ctx.body[name];
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw badRequest(`${name} is empty`);
  return n;
}
