import type Keyv from 'keyv';
import { readShownKey } from '../storage/keys.ts';

/** a group sees one article's full text at most once in this window, however often it is tapped */
const GROUP_REPEAT_MS = 10 * 60_000;

/** Holds back repeated 全文 taps in a group, whose 20 messages a minute its pushes need. */
export interface ReadThrottle {
  /** true when the chat may be shown the article now (and marks it shown); false while it was just shown */
  claim(chatId: number, seq: number): Promise<boolean>;
}

/** The throttle on keyv (SQLite by default); marks expire on their own after the window. */
export function createReadThrottle(kv: Keyv, windowMs = GROUP_REPEAT_MS): ReadThrottle {
  return {
    async claim(chatId, seq) {
      const key = readShownKey(chatId, seq);
      if (await kv.get(key)) return false;
      await kv.set(key, 1, windowMs);
      return true;
    },
  };
}
