import type { ResponseParameters } from 'telegraf/types';
import type { HtmlEntity } from '../strict-html.ts';
import { OUTGOING_METHODS, SEND_METHODS } from './defaults.ts';
import type { RejectionCause } from './errors.ts';

/** One Bot API request as the fake saw it. */
export interface CallRecord {
  seq: number;
  method: string;
  token: string;
  body: Record<string, unknown>;
  time: number;
  /** the chat the call was about, once resolved (numeric id) */
  chatId?: number;
  state: 'pending' | 'ok' | 'error' | 'dropped' | 'hung';
  /** the call took effect (ok, or processed and then its connection dropped) */
  delivered: boolean;
  result?: unknown;
  errorCode?: number;
  description?: string;
  parameters?: ResponseParameters;
  reason?: RejectionCause;
  /** executed from a webhook reply body rather than an HTTP call */
  viaWebhookReply: boolean;
  /** what a user sees, for outgoing methods that took effect */
  sent?: SentMessage;
}

export interface SentMessage {
  seq: number;
  method: string;
  chatId?: number;
  messageId?: number;
  /** raw text or caption as sent */
  text?: string;
  parseMode?: string;
  /** text after entity parsing (what the user reads) */
  plainText?: string;
  entities: HtmlEntity[];
  replyMarkup?: Record<string, unknown>;
  linkPreviewDisabled: boolean;
  callbackQueryId?: string;
  showAlert?: boolean;
  /** sendMessage into a forum topic: its message_thread_id */
  threadId?: number;
  time: number;
}

export class CallLog {
  readonly calls: CallRecord[] = [];
  private listeners = new Set<(record: CallRecord) => void>();

  start(partial: Pick<CallRecord, 'method' | 'token' | 'body' | 'time' | 'viaWebhookReply'>): CallRecord {
    const record: CallRecord = { ...partial, seq: this.calls.length + 1, state: 'pending', delivered: false };
    this.calls.push(record);
    return record;
  }

  /** Called when a record reaches its final state: wakes waitFor() (each waiter looks at that record only). */
  settle(record: CallRecord): void {
    for (const listener of [...this.listeners]) listener(record);
  }

  sent(chatId?: number | string): SentMessage[] {
    const out: SentMessage[] = [];
    for (const c of this.calls) {
      if (!c.delivered || !c.sent || !OUTGOING_METHODS.has(c.method)) continue;
      if (chatId === undefined || String(c.sent.chatId) === String(chatId)) out.push(c.sent);
    }
    return out;
  }

  /** New messages only (sendMessage and the other send methods), not edits or callback answers. */
  messages(chatId?: number | string): SentMessage[] {
    return this.sent(chatId).filter((m) => SEND_METHODS.has(m.method));
  }

  rejected(filter?: { method?: string; chatId?: number; reason?: RejectionCause }): CallRecord[] {
    return this.calls.filter(
      (c) =>
        c.state === 'error' &&
        (filter?.method === undefined || c.method === filter.method) &&
        (filter?.chatId === undefined || c.chatId === filter.chatId) &&
        (filter?.reason === undefined || c.reason === filter.reason),
    );
  }

  /** Resolves with the first settled call matching `predicate` (already recorded or future). */
  waitFor(predicate: (call: CallRecord) => boolean, timeoutMs = 5000): Promise<CallRecord> {
    return new Promise((resolve, reject) => {
      const settled = this.calls.find((c) => c.state !== 'pending' && predicate(c));
      if (settled) {
        resolve(settled);
        return;
      }
      const listener = (record: CallRecord) => {
        if (!predicate(record)) return;
        done();
        resolve(record);
      };
      const timer = setTimeout(() => {
        done();
        const recent = this.calls
          .slice(-8)
          .map((c) => `#${c.seq} ${c.method} ${c.state}${c.description ? ` (${c.description})` : ''}`);
        reject(
          new Error(
            `fake Telegram: no matching call within ${timeoutMs} ms; last calls: ${recent.join('; ')}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
    });
  }

  reset(): void {
    this.calls.length = 0;
  }
}
