import type { WatchEntry, WatchStore } from '../chats/watch-store.ts';
import { checkTerm, type TermProblem } from '../match/matcher.ts';
import type { StockDirectory } from '../match/stocks.ts';
import { createWatchIndex, type WatchHit, type WatchIndex } from '../match/watch-index.ts';
import type { Normalizer } from '../search/normalize.ts';
import type { Async } from '../storage/async.ts';

export interface WatchAddResult {
  added: string[];
  already: string[];
  rejected: { term: string; reason: TermProblem }[];
  /** refused: the chat's cap */
  overChat: string[];
  /** refused: the bot-wide cap */
  overTotal: string[];
}

/** The one service commands (and the Mini App) use for watchlists; fan-out asks it for hits. */
export interface Watchlists {
  /** the chat's terms as typed */
  list(chatId: number): Promise<string[]>;
  add(chatId: number, rawTerms: readonly string[]): Promise<WatchAddResult>;
  /** removes terms (as typed or normalised) or 'all'; returns the labels removed */
  remove(chatId: number, rawTerms: readonly string[] | 'all'): Promise<string[]>;
  /**
   * brings the matcher in step with the store before a fan-out: built on first use, and re-read
   * each time when other instances write the store too (`shared`)
   */
  sync(): Promise<void>;
  /** per chat, the watched terms found in the text (raw: it is normalised here) */
  hits(text: string): WatchHit<number>[];
  readonly limits: { perChat: number; total: number };
}

export interface WatchlistsDeps {
  store: Async<WatchStore>;
  /** several instances share the store: re-read it before each fan-out */
  shared?: boolean | undefined;
  normalizer: Pick<Normalizer, 'normalize'>;
  stocks?: StockDirectory;
  perChat: number;
  total: number;
}

/**
 * The store is the record; the compiled index (one Aho-Corasick automaton over every chat's
 * terms, src/match) is built from it on first use and kept in step by every change made here.
 */
export function createWatchlists(d: WatchlistsDeps): Watchlists {
  const build = async () =>
    createWatchIndex<number>(await d.store.all(), { normalizer: d.normalizer, stocks: d.stocks });
  let index: WatchIndex<number> | undefined;
  let loading: Promise<WatchIndex<number>> | undefined;
  const ready = async (): Promise<WatchIndex<number>> => {
    if (index) return index;
    loading ??= build().finally(() => {
      loading = undefined;
    });
    index = await loading;
    return index;
  };
  const reindex = async (chatId: number) => {
    const ix = await ready();
    ix.removeChat(chatId);
    for (const e of await d.store.list(chatId)) ix.add(chatId, e.term);
  };
  return {
    limits: { perChat: d.perChat, total: d.total },
    list: async (chatId) => (await d.store.list(chatId)).map((e) => e.label),
    async add(chatId, rawTerms) {
      const ix = await ready();
      const res: WatchAddResult = { added: [], already: [], rejected: [], overChat: [], overTotal: [] };
      const known = new Set((await d.store.list(chatId)).map((e) => e.term));
      let mine = known.size;
      let total = await d.store.count();
      const fresh: WatchEntry[] = [];
      for (const raw of rawTerms) {
        const checked = checkTerm(raw, d.normalizer);
        if (!checked.ok) res.rejected.push({ term: raw, reason: checked.reason });
        else if (known.has(checked.term)) res.already.push(raw);
        else if (mine >= d.perChat) res.overChat.push(raw);
        else if (total >= d.total) res.overTotal.push(raw);
        else {
          known.add(checked.term);
          fresh.push({ chatId, term: checked.term, label: raw });
          mine++;
          total++;
        }
      }
      for (const e of await d.store.add(fresh)) {
        const indexed = ix.add(chatId, e.term);
        if (indexed.ok) res.added.push(e.label);
        else {
          // the matcher's own cap: keep store and index in step
          await d.store.remove(chatId, [e.term]);
          res.overTotal.push(e.label);
        }
      }
      return res;
    },
    async remove(chatId, rawTerms) {
      const terms = rawTerms === 'all' ? 'all' : rawTerms.map((r) => d.normalizer.normalize(r));
      const gone = await d.store.remove(chatId, terms);
      if (gone.length) await reindex(chatId);
      return gone.map((e) => e.label);
    },
    async sync() {
      if (!index || !d.shared) {
        await ready();
        return;
      }
      index = await build();
    },
    hits: (text) => index?.hits(d.normalizer.normalize(text)) ?? [],
  };
}
