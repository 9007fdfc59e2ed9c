/** The fake Telegram Bot API server for tests: see README.md in this folder. */
import { FakeTelegram } from './fake.ts';
import { listen } from './http.ts';
import { FakeState, type FakeTelegramOptions } from './state.ts';

export type { CallRecord, SentMessage } from './calls.ts';
export type { AdminSpec, ChatSpec, ChatType, FakeChat, MemberStatus, StoredMessage } from './chats.ts';
export { DEFAULT_BOT, DEFAULT_TOKEN, GROUP_ANONYMOUS_BOT } from './defaults.ts';
export type { RejectionCause } from './errors.ts';
export { FakeTelegram } from './fake.ts';
export type { Fault, FaultHandle, FaultRule } from './faults.ts';
export type { RateLimitOptions, Violation } from './rate-limits.ts';
export type { FakeTelegramOptions } from './state.ts';
export type { CallbackQueryState } from './update-effects.ts';
export type { WebhookPostOptions, WebhookPostResult } from './webhook.ts';

export async function startFakeTelegram(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const state = new FakeState(opts);
  return new FakeTelegram(state, await listen(state));
}
