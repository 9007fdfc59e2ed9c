import { createHmac, timingSafeEqual } from 'node:crypto';

/** Telegram's own freshness bound for a launch: older initData is refused. */
const INIT_DATA_MAX_AGE_MS = 24 * 3_600_000;
/** initData is a few hundred bytes; anything far larger is not from Telegram */
const MAX_INIT_DATA = 4_096;

export interface WebAppUser {
  id: number;
  firstName: string;
  languageCode?: string;
}

export type InitDataCheck =
  | { ok: true; user: WebAppUser; authDate: number }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad-hash' | 'expired' | 'no-user' };

/** The key Telegram signs initData with for this bot: HMAC_SHA256(key "WebAppData", token). */
export function webAppSecret(botToken: string): Buffer {
  return createHmac('sha256', 'WebAppData').update(botToken).digest();
}

/**
 * Validates a Mini App's initData as Telegram documents it: the data-check-string is every
 * field but `hash`, sorted by key, as `key=value` lines; its HMAC-SHA256 under webAppSecret
 * must equal `hash` (compared in constant time), and auth_date must be at most 24 h old.
 */
export function checkInitData(
  raw: string | undefined,
  secret: Buffer,
  nowMs: number,
  maxAgeMs = INIT_DATA_MAX_AGE_MS,
): InitDataCheck {
  if (!raw) return { ok: false, reason: 'missing' };
  if (raw.length > MAX_INIT_DATA) return { ok: false, reason: 'malformed' };
  const params = new URLSearchParams(raw);
  const hash = params.get('hash');
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return { ok: false, reason: 'malformed' };
  const lines: string[] = [];
  for (const [key, value] of params) if (key !== 'hash') lines.push(`${key}=${value}`);
  lines.sort();
  const want = createHmac('sha256', secret).update(lines.join('\n')).digest();
  if (!timingSafeEqual(want, Buffer.from(hash, 'hex'))) return { ok: false, reason: 'bad-hash' };
  const authDate = Number(params.get('auth_date'));
  if (!Number.isInteger(authDate) || authDate <= 0) return { ok: false, reason: 'malformed' };
  // a little clock skew forward is tolerated; a launch from the future beyond that is not
  const age = nowMs - authDate * 1000;
  if (age > maxAgeMs || age < -60_000) return { ok: false, reason: 'expired' };
  const user = parseUser(params.get('user'));
  if (!user) return { ok: false, reason: 'no-user' };
  return { ok: true, user, authDate };
}

function parseUser(json: string | null): WebAppUser | null {
  if (!json) return null;
  try {
    const u = JSON.parse(json) as { id?: unknown; first_name?: unknown; language_code?: unknown };
    if (typeof u.id !== 'number' || !Number.isSafeInteger(u.id) || u.id <= 0) return null;
    return {
      id: u.id,
      firstName: typeof u.first_name === 'string' ? u.first_name.slice(0, 64) : '',
      ...(typeof u.language_code === 'string' ? { languageCode: u.language_code.slice(0, 16) } : {}),
    };
  } catch {
    return null;
  }
}

/** `Authorization: tma <initData>`, the scheme Telegram's Mini App examples use. */
export function initDataFromHeader(header: string | undefined): string | undefined {
  if (!header?.startsWith('tma ')) return undefined;
  return header.slice(4).trim() || undefined;
}
