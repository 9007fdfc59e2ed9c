import type Keyv from 'keyv';
import { feedHealthKey, SOURCE_HEALTH_KEY } from '../storage/keys.ts';
import type { HealthSource, SourceHealthState, SourceHealthStore } from './types.ts';

// the keys are the ones the watch always used, so an upgrade keeps alerts that are standing
const keyOf = (source: HealthSource): string =>
  source === 'site' ? SOURCE_HEALTH_KEY : feedHealthKey(source.feedId);

/** The health watch's state in the key-value store (SQLite by default). */
export function createKeyvSourceHealthStore(kv: Keyv): SourceHealthStore {
  return {
    get: (source) => kv.get<SourceHealthState>(keyOf(source)),
    async set(source, state) {
      await kv.set(keyOf(source), state);
    },
  };
}
