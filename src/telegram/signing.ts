import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** 8 base64url characters: 48 bits, enough that a guessed button never verifies. */
const MAC_LEN = 8;
const CALLBACK_LIMIT = 64;
/** the bytes a signed payload may use */
export const PAYLOAD_LIMIT = CALLBACK_LIMIT - MAC_LEN - 1;

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

/** Cuts text so that it takes at most `bytes` UTF-8 bytes, never inside a character. */
export function clipBytes(text: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/**
 * A slug as it travels in a button: itself when short, else `~` + a hash the handler looks
 * up among known slugs (some real slugs are 40+ bytes).
 */
export function slugRef(slug: string, room = 36): string {
  if (Buffer.byteLength(slug) <= room && !slug.startsWith('~')) return slug;
  return `~${createHash('sha1').update(slug).digest('base64url').slice(0, 12)}`;
}

export function findSlug(ref: string, candidates: Iterable<string>): string | null {
  if (!ref.startsWith('~')) return ref;
  for (const slug of candidates) if (slugRef(slug) === ref) return slug;
  return null;
}
