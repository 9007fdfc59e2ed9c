import type { Normalizer } from '../search/normalize.ts';
import { type Automaton, buildAutomaton } from './automaton.ts';
import { checkTerm, DEFAULT_MATCH_LIMITS, isWholeAt, type MatchLimits, type TermCheck } from './matcher.ts';
import type { StockDirectory } from './stocks.ts';

export interface WatchTermHit {
  /** the chat's watched term, normalised ('600519') */
  term: string;
  /** what was found in the text ('贵州茅台'): the words to bold */
  matched: string;
  /** first occurrence, code units of the normalised text */
  start: number;
  end: number;
}

export interface WatchHit<C> {
  chatId: C;
  terms: WatchTermHit[];
}

export interface WatchIndexStats {
  chats: number;
  /** distinct watched entities (a code and its names count once) */
  entities: number;
  /** (chat, entity) pairs */
  watches: number;
  /** live patterns, and patterns still in the automaton though nobody watches them */
  patterns: number;
  stalePatterns: number;
  states: number;
  rebuilds: number;
}

export interface WatchIndex<C> {
  add(chatId: C, rawTerm: string): TermCheck;
  /** true when the chat watched that term (or its entity) */
  remove(chatId: C, rawTerm: string): boolean;
  removeChat(chatId: C): void;
  /** per chat, the watched terms found in already normalised text, each once */
  hits(normalisedText: string): WatchHit<C>[];
  stats(): WatchIndexStats;
}

/**
 * The watchlists of every chat compiled into one automaton. Each entity (a term, or a stock's
 * code plus names) is stored once with the set of chats watching it, so 10,000 watches of
 * shared terms cost one pattern each.
 *
 * Changes are cheap: adding a watch of an entity someone already watches, or removing any
 * watch, touches only the chat sets. A new pattern marks the automaton stale, and it is
 * rebuilt on the next hits() (lazily: a burst of /watch commands costs one rebuild). Patterns
 * nobody watches any more stay in the automaton, ignored, until they outnumber the live ones.
 */
export function createWatchIndex<C>(
  entries: Iterable<{ chatId: C; term: string }>,
  deps: {
    normalizer: Pick<Normalizer, 'normalize'>;
    stocks?: StockDirectory | undefined;
    limits?: Partial<MatchLimits>;
  },
): WatchIndex<C> {
  const limits = { ...DEFAULT_MATCH_LIMITS, ...deps.limits };
  /** entity key → chat → the term that chat watched */
  const watchers = new Map<string, Map<C, string>>();
  /** entity key → its patterns */
  const patternsOf = new Map<string, string[]>();
  /** pattern → the entity keys it stands for */
  const entitiesOf = new Map<string, Set<string>>();
  const chatKeys = new Map<C, Set<string>>();

  let automaton: Automaton = buildAutomaton([]);
  let compiled: string[] = [];
  let stale = false;
  let rebuilds = 0;

  const entityOf = (term: string) => deps.stocks?.expandTerm(term) ?? { key: term, terms: [term] };

  const add = (chatId: C, rawTerm: string): TermCheck => {
    const checked = checkTerm(rawTerm, deps.normalizer, limits);
    if (!checked.ok) return checked;
    const entity = entityOf(checked.term);
    let chats = watchers.get(entity.key);
    if (!chats) {
      const fresh = entity.terms.filter((p) => !entitiesOf.has(p)).length;
      if (entitiesOf.size + fresh > limits.maxTerms) return { ok: false, reason: 'too-many' };
      chats = new Map();
      watchers.set(entity.key, chats);
      patternsOf.set(entity.key, entity.terms);
      for (const p of entity.terms) {
        let keys = entitiesOf.get(p);
        if (!keys) {
          keys = new Set();
          entitiesOf.set(p, keys);
          stale = true;
        }
        keys.add(entity.key);
      }
    }
    if (!chats.has(chatId)) chats.set(chatId, checked.term);
    let keys = chatKeys.get(chatId);
    if (!keys) {
      keys = new Set();
      chatKeys.set(chatId, keys);
    }
    keys.add(entity.key);
    return checked;
  };

  const drop = (chatId: C, key: string): boolean => {
    const chats = watchers.get(key);
    if (!chats?.delete(chatId)) return false;
    chatKeys.get(chatId)?.delete(key);
    if (chats.size === 0) {
      watchers.delete(key);
      for (const p of patternsOf.get(key) ?? []) {
        const keys = entitiesOf.get(p);
        keys?.delete(key);
        if (keys?.size === 0) entitiesOf.delete(p);
      }
      patternsOf.delete(key);
      if (compiled.length > 2 * entitiesOf.size + 64) stale = true;
    }
    return true;
  };

  const rebuild = () => {
    compiled = [...entitiesOf.keys()];
    automaton = buildAutomaton(compiled);
    stale = false;
    rebuilds++;
  };

  for (const e of entries) add(e.chatId, e.term);

  return {
    add,
    remove(chatId, rawTerm) {
      const checked = checkTerm(rawTerm, deps.normalizer, limits);
      return checked.ok && drop(chatId, entityOf(checked.term).key);
    },
    removeChat(chatId) {
      for (const key of [...(chatKeys.get(chatId) ?? [])]) drop(chatId, key);
      chatKeys.delete(chatId);
    },
    hits(text) {
      if (stale) rebuild();
      const seen = new Set<string>();
      const byChat = new Map<C, WatchTermHit[]>();
      automaton.scan(text, (k, start, end) => {
        const pattern = compiled[k]!;
        if (!isWholeAt(text, pattern, start, end)) return;
        for (const key of entitiesOf.get(pattern) ?? []) {
          if (seen.has(key)) continue;
          seen.add(key);
          for (const [chatId, term] of watchers.get(key) ?? []) {
            let list = byChat.get(chatId);
            if (!list) {
              list = [];
              byChat.set(chatId, list);
            }
            list.push({ term, matched: pattern, start, end });
          }
        }
      });
      return [...byChat].map(([chatId, terms]) => ({ chatId, terms }));
    },
    stats() {
      let watches = 0;
      for (const chats of watchers.values()) watches += chats.size;
      return {
        chats: chatKeys.size,
        entities: watchers.size,
        watches,
        patterns: entitiesOf.size,
        stalePatterns: compiled.filter((p) => !entitiesOf.has(p)).length,
        states: automaton.stateCount,
        rebuilds,
      };
    },
  };
}
