import type Keyv from 'keyv';
import { searchSessionKey } from '../storage/keys.ts';
import type { SavedSearch, SearchSessions } from './types.ts';

/** how long ‹ › buttons keep working after the search */
const SEARCH_TTL_MS = 24 * 3_600_000;

/** Search sessions on keyv (SQLite by default); entries expire on their own after the TTL. */
export function createSearchSessions(kv: Keyv, ttlMs = SEARCH_TTL_MS): SearchSessions {
  return {
    async save(id, saved) {
      await kv.set(searchSessionKey(id), saved, ttlMs);
    },
    async load(id) {
      return (await kv.get<SavedSearch>(searchSessionKey(id))) ?? undefined;
    },
  };
}
