import { createHash } from 'node:crypto';

/**
 * Every button's callback data is built and read back here, so a prefix can't be spelled two
 * ways and nothing reaches Telegram over its 64-byte limit (it refuses the whole message with
 * BUTTON_DATA_INVALID). Signed data (all but `read:`) also carries `.<mac>` (signing.ts), so
 * its payload has less room.
 */

/** Telegram's limit on callback_data, in bytes */
export const CALLBACK_LIMIT = 64;
/** 8 base64url characters and the dot the signer appends */
export const MAC_ROOM = 9;
/** the bytes a signed payload may use */
export const PAYLOAD_LIMIT = CALLBACK_LIMIT - MAC_ROOM;

export const PREFIX = {
  read: 'read:',
  searchPage: 'srch:',
  subscribe: 'sub:',
  unsubscribe: 'unsub:',
  categoryPage: 'cat:p:',
  categoryToggle: 'cat:t:',
  settings: 'set:',
} as const;

/** Refuses, at build time, data that Telegram would refuse with the whole message. */
function withinLimit(data: string, limit: number): string {
  if (Buffer.byteLength(data) > limit) throw new Error(`callback data over ${limit} bytes: ${data}`);
  return data;
}

const signed = (data: string) => withinLimit(data, PAYLOAD_LIMIT);

/** Cuts text so that it takes at most `bytes` UTF-8 bytes, never inside a character. */
function clipBytes(text: string, bytes: number): string {
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

/** The slug a button's ref stands for, among the slugs it may be; null when none is. */
export function findSlug(ref: string, candidates: Iterable<string>): string | null {
  if (!ref.startsWith('~')) return ref;
  for (const slug of candidates) if (slugRef(slug) === ref) return slug;
  return null;
}

/** Payloads to sign (or, for `read:`, to send as they are), one builder per kind of button. */
export const buildData = {
  /** unsigned: reading changes nothing, and a push's button must work for every reader */
  read: (seq: number) => withinLimit(`${PREFIX.read}${seq}`, CALLBACK_LIMIT),
  searchPage: (page: number, id: string) => signed(`${PREFIX.searchPage}${page}:${id}`),
  subscribe: (slug: string) => signed(`${PREFIX.subscribe}${slugRef(slug)}`),
  unsubscribe: (slug: string) => signed(`${PREFIX.unsubscribe}${slugRef(slug)}`),
  categoryToggle: (slug: string) => signed(`${PREFIX.categoryToggle}${slugRef(slug)}`),
  /** the query is cut to what fits beside the widest page number of this listing */
  categoryPage: (page: number, pages: number, query: string) =>
    signed(
      `${PREFIX.categoryPage}${page}:${clipBytes(query, PAYLOAD_LIMIT - `${PREFIX.categoryPage}${pages}:`.length)}`,
    ),
  settings: (field: string, value: string | number) => signed(`${PREFIX.settings}${field}:${value}`),
};

const READ = /^(\d{1,12})$/;
const SEARCH_PAGE = /^(\d{1,6}):([A-Za-z0-9_-]{8})$/;

/** Readers of the payload after its prefix (what onButton hands over); null when malformed. */
export const parseData = {
  read: (rest: string): number | null => {
    const m = READ.exec(rest);
    return m ? Number(m[1]) : null;
  },
  searchPage: (rest: string): { page: number; id: string } | null => {
    const m = SEARCH_PAGE.exec(rest);
    return m ? { page: Number(m[1]), id: m[2]! } : null;
  },
  categoryPage: (rest: string): { page: number; query: string } | null => {
    const sep = rest.indexOf(':');
    const page = Number(rest.slice(0, sep < 0 ? undefined : sep));
    if (!Number.isInteger(page)) return null;
    return { page, query: sep < 0 ? '' : rest.slice(sep + 1) };
  },
  settings: (rest: string): { field: string | undefined; value: string | undefined } => {
    const [field, value] = rest.split(':');
    return { field, value };
  },
};
