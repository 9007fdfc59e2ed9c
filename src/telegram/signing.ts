import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CALLBACK_LIMIT, MAC_ROOM } from './callback-data.ts';

/** 8 base64url characters: 48 bits, enough that a guessed button never verifies. */
const MAC_LEN = MAC_ROOM - 1;

/**
 * Callback data is `<payload>.<mac>` where the mac covers the chat the button was shown in,
 * so a button forwarded, replayed elsewhere or edited by a modified client is refused.
 */
export function createSigner(secret: string) {
  const key = createHash('sha256').update(`kuaixun-callback|${secret}`).digest();
  const mac = (chatId: number, payload: string) =>
    createHmac('sha256', key).update(`${chatId}|${payload}`).digest('base64url').slice(0, MAC_LEN);
  return {
    sign(chatId: number, payload: string): string {
      const data = `${payload}.${mac(chatId, payload)}`;
      if (Buffer.byteLength(data) > CALLBACK_LIMIT) throw new Error(`callback data too long: ${payload}`);
      return data;
    },
    verify(chatId: number, data: string): string | null {
      const dot = data.lastIndexOf('.');
      if (dot < 0 || data.length - dot - 1 !== MAC_LEN) return null;
      const payload = data.slice(0, dot);
      const given = Buffer.from(data.slice(dot + 1));
      const want = Buffer.from(mac(chatId, payload));
      return given.length === want.length && timingSafeEqual(given, want) ? payload : null;
    },
  };
}
