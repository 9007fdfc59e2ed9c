import type { BotCommand, MenuButton, Update, User } from 'telegraf/types';
import type { CallRecord, SentMessage } from './calls.ts';
import type { AdminSpec, ChatSpec, FakeChat, MemberStatus, StoredMessage } from './chats.ts';
import { SEND_METHODS } from './defaults.ts';
import type { RejectionCause } from './errors.ts';
import type { Fault, FaultHandle, FaultRule } from './faults.ts';
import type { HttpHandle } from './http.ts';
import type { Violation } from './rate-limits.ts';
import { commandsKey, type FakeState } from './state.ts';
import { applyUpdate, type CallbackQueryState } from './update-effects.ts';
import { postToWebhook, type WebhookPostOptions, type WebhookPostResult } from './webhook.ts';

/** A fake Telegram Bot API server on 127.0.0.1; see test/support/fake-telegram/README.md. */
export class FakeTelegram {
  constructor(
    readonly state: FakeState,
    private readonly http: HttpHandle,
  ) {}

  /** pass to telegraf: `{ telegram: { apiRoot } }` */
  get apiRoot(): string {
    return this.http.apiRoot;
  }
  get token(): string {
    return this.state.token;
  }
  get bot(): User {
    return this.state.bot;
  }

  // ---- what the bot did
  get calls(): readonly CallRecord[] {
    return this.state.log.calls;
  }
  callsTo(method: string): CallRecord[] {
    return this.state.log.calls.filter((c) => c.method === method);
  }
  /** accepted outgoing calls (sends, edits, callback answers, deletions), optionally for one chat */
  sent(chatId?: number | string): SentMessage[] {
    return this.state.log.sent(chatId);
  }
  /** accepted new messages only (no edits, answers, deletions) */
  messages(chatId?: number | string): SentMessage[] {
    return this.state.log.messages(chatId);
  }
  rejected(filter?: { method?: string; chatId?: number; reason?: RejectionCause }): CallRecord[] {
    return this.state.log.rejected(filter);
  }
  /**
   * Sends made inside a retry_after window the fake had announced. Calls arriving within
   * `graceMs` of the 429 were already in flight when it was sent and are not counted.
   */
  violations(graceMs = 0): Violation[] {
    return this.state.limiter.violations.filter((v) => v.msIntoWindow >= graceMs);
  }
  /** every 429 the fake sent (rate limits and injected ones) */
  retryAfters(): readonly { chatId: number; scope: 'chat' | 'global'; retryAfter: number; at: number }[] {
    return this.state.limiter.announced;
  }
  waitFor(predicate: (call: CallRecord) => boolean, timeoutMs = 5000): Promise<CallRecord> {
    return this.state.log.waitFor(predicate, timeoutMs);
  }
  /** the next accepted outgoing call for the chat (after `afterSeq`, default: any) matching `predicate` */
  async waitForSent(
    chatId: number | string | undefined,
    predicate: (m: SentMessage) => boolean = () => true,
    opts: { afterSeq?: number; timeoutMs?: number } = {},
  ): Promise<SentMessage> {
    const call = await this.waitFor(
      (c) =>
        c.seq > (opts.afterSeq ?? 0) &&
        c.delivered &&
        c.sent !== undefined &&
        (chatId === undefined || String(c.sent.chatId) === String(chatId)) &&
        predicate(c.sent),
      opts.timeoutMs,
    );
    return call.sent as SentMessage;
  }
  /** sequence number of the last call so far; pass as afterSeq to wait for later calls only */
  /** a file a user "uploads": put its file_id in an injected message's document */
  addFile(name: string, bytes: Buffer | string): string {
    return this.state.files.add(name, Buffer.from(bytes)).fileId;
  }

  /** a file the bot sent (sendDocument upload) or a test added, by file_id */
  file(fileId: string): { name: string; bytes: Buffer } | undefined {
    return this.state.files.get(fileId);
  }

  mark(): number {
    return this.state.log.calls.length;
  }

  // ---- chats, users, admins
  addChat(spec: ChatSpec): FakeChat {
    return this.state.chats.add(spec);
  }
  addUser(user: User): void {
    this.state.chats.addUser(user);
  }
  setAdmins(chatId: number, admins: AdminSpec[]): void {
    const chat = this.state.chats.get(chatId) ?? this.state.chats.add({ id: chatId });
    chat.admins = new Map(admins.map((a) => [a.userId, a]));
  }
  chat(id: number): FakeChat | undefined {
    return this.state.chats.get(id);
  }
  /** the chat as a user sees it now: messages not deleted, edits applied, in id order */
  chatMessages(chatId: number): StoredMessage[] {
    const chat = this.state.chats.get(chatId);
    return chat
      ? [...chat.messages.values()]
          .filter((m) => !m.deleted)
          .sort((a, b) => a.message.message_id - b.message.message_id)
      : [];
  }
  /** private chat: the user blocks the bot; group/channel: the bot is kicked. Sends then get 403. */
  blockBot(chatId: number): void {
    const chat = this.state.chats.get(chatId) ?? this.state.chats.add({ id: chatId });
    if (chat.type === 'private') chat.blocked = true;
    else chat.bot = { status: 'kicked' };
  }
  setBotMembership(chatId: number, status: MemberStatus, canPostMessages = false): void {
    const chat = this.state.chats.get(chatId) ?? this.state.chats.add({ id: chatId });
    if (chat.type === 'private') chat.blocked = status === 'kicked';
    else chat.bot = { status, canPostMessages };
  }
  /** A forum topic is deleted: later sends with its message_thread_id get 400 "message thread not found". */
  deleteTopic(chatId: number, threadId: number): void {
    const chat = this.state.chats.get(chatId) ?? this.state.chats.add({ id: chatId, isForum: true });
    chat.deletedTopics.add(threadId);
  }
  /** The group becomes a supergroup: sends to oldId get 400 with migrate_to_chat_id; newId works. */
  migrateChat(oldId: number, newId: number): FakeChat {
    return this.state.chats.migrate(oldId, newId);
  }

  // ---- faults
  addFault(rule: FaultRule): FaultHandle {
    return this.state.faults.add(rule);
  }
  failNext(
    method: string | readonly string[] | undefined,
    times: number,
    fault: Fault,
    chatId?: number,
  ): FaultHandle {
    return this.addFault({
      ...(method ? { method } : {}),
      times,
      fault,
      ...(chatId !== undefined ? { chatId } : {}),
    });
  }
  failRandomly(
    method: string | readonly string[] | undefined,
    probability: number,
    fault: Fault,
  ): FaultHandle {
    return this.addFault({ ...(method ? { method } : {}), probability, fault });
  }
  /** the next send to `chatId` (or to any chat, scope global) gets 429 retry_after=seconds */
  floodWait(seconds: number, chatId?: number): FaultHandle {
    const scope = chatId === undefined ? 'global' : 'chat';
    return this.failNext([...SEND_METHODS], 1, { kind: 'retry-after', seconds, scope }, chatId);
  }
  clearFaults(): void {
    this.state.faults.clear();
  }
  /** every call gets 401 Unauthorized until restoreToken() */
  revokeToken(): void {
    this.state.tokenRevoked = true;
  }
  restoreToken(): void {
    this.state.tokenRevoked = false;
  }
  /** getUpdates answers 409 Conflict (another instance polls the same token) */
  setPollingConflict(on: boolean): void {
    this.state.pollConflict = on;
  }

  // ---- updates
  /** Queues an update for getUpdates; fills update_id, message ids and dates; returns the stored update. */
  injectUpdate(update: Update): Update {
    const copy = this.prepare(update);
    this.state.queue.push(copy);
    return copy;
  }
  /** Sends an update to the webhook (setWebhook's URL and secret unless overridden). */
  postUpdate(update: Update, opts?: WebhookPostOptions): Promise<WebhookPostResult & { update: Update }> {
    const copy = this.prepare(update);
    this.state.queue.history.push(copy);
    return postToWebhook(this.state, copy, opts).then((r) => ({ ...r, update: copy }));
  }
  get pendingUpdates(): readonly Update[] {
    return this.state.queue.pending;
  }
  get injectedUpdates(): readonly Update[] {
    return this.state.queue.history;
  }
  /** callback queries injected and never answered (the bot must answer every one) */
  unansweredCallbackQueries(): CallbackQueryState[] {
    return [...this.state.queries.values()].filter((q) => !q.answered);
  }
  commands(scope?: object, languageCode?: string): BotCommand[] | undefined {
    return this.state.commands.get(commandsKey(scope, languageCode));
  }
  /** what setChatMenuButton stored for a private chat, else the bot-wide default */
  menuButton(chatId?: number): MenuButton {
    return (
      (chatId !== undefined ? this.state.menuButtons.get(chatId) : undefined) ??
      this.state.menuButtons.get('default') ?? { type: 'commands' }
    );
  }
  get webhook(): FakeState['webhook'] {
    return this.state.webhook;
  }

  /** Forgets calls, chats, updates, faults, limits, commands and webhook; keeps the server and token. */
  reset(): void {
    this.state.reset();
  }
  close(): Promise<void> {
    return this.http.close();
  }

  private prepare(update: Update): Update {
    const copy = this.state.queue.assignId(structuredClone(update));
    applyUpdate(copy, {
      chats: this.state.chats,
      bot: this.state.bot,
      queries: this.state.queries,
      now: this.state.now(),
    });
    return copy;
  }
}
