import type { ResponseParameters } from 'telegraf/types';

/**
 * What an injected fault does to a matching call. Unless stated, the call is NOT carried out
 * (nothing reaches the chat), so a sender that retries still delivers exactly once.
 */
export type Fault =
  /** HTTP 5xx (default 500); telegraf turns it into a TelegramError with the status text */
  | { kind: 'server-error'; status?: number }
  /** destroy the socket; with afterProcessing the message IS delivered but the reply is lost */
  | { kind: 'drop'; afterProcessing?: boolean }
  /** without `ms`: never answer (until the client aborts or close()); with `ms`: answer late, normally */
  | { kind: 'hang'; ms?: number }
  /** 429 opening a retry_after window for the call's chat (or every chat) */
  | { kind: 'retry-after'; seconds: number; scope?: 'chat' | 'global' }
  /** any Bot API error, e.g. { code: 403, description: 'Forbidden: bot was blocked by the user' } */
  | { kind: 'error'; code: number; description: string; parameters?: ResponseParameters };

export interface FaultRule {
  /** one method, several, or all when omitted */
  method?: string | readonly string[];
  /** only calls for this chat (by numeric id after resolution) */
  chatId?: number;
  /** how many matching calls fail; unlimited when omitted */
  times?: number;
  /** each matching call fails with this probability (seeded, reproducible) */
  probability?: number;
  fault: Fault;
}

export interface FaultHandle {
  readonly hits: number;
  readonly remaining: number;
  cancel(): void;
}

interface ActiveRule extends FaultRule {
  hits: number;
  cancelled: boolean;
}

/** mulberry32: a tiny seeded generator so "20% of calls fail" is the same calls every run */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultRules {
  private rules: ActiveRule[] = [];
  private random: () => number;

  constructor(private readonly seed: number) {
    this.random = seeded(seed);
  }

  add(rule: FaultRule): FaultHandle {
    const active: ActiveRule = { ...rule, hits: 0, cancelled: false };
    this.rules.push(active);
    return {
      get hits() {
        return active.hits;
      },
      get remaining() {
        return active.times === undefined
          ? Number.POSITIVE_INFINITY
          : Math.max(0, active.times - active.hits);
      },
      cancel: () => {
        active.cancelled = true;
      },
    };
  }

  /** The fault for this call, if any rule matches (first matching rule wins). */
  match(method: string, chatId: number | undefined): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.cancelled || (rule.times !== undefined && rule.hits >= rule.times)) continue;
      if (rule.method !== undefined) {
        const methods = typeof rule.method === 'string' ? [rule.method] : rule.method;
        if (!methods.includes(method)) continue;
      }
      if (rule.chatId !== undefined && rule.chatId !== chatId) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      rule.hits++;
      return rule.fault;
    }
    return undefined;
  }

  clear(): void {
    this.rules = [];
    this.random = seeded(this.seed);
  }
}
