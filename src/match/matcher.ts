import type { Normalizer } from '../search/normalize.ts';
import { buildAutomaton } from './automaton.ts';

/** Caps on what users can make the bot match: a term is text, never a pattern language. */
export interface MatchLimits {
  /** code units of the normalised term */
  maxTermLength: number;
  /** distinct normalised terms in one automaton */
  maxTerms: number;
}

export const DEFAULT_MATCH_LIMITS: Readonly<MatchLimits> = Object.freeze({
  maxTermLength: 40,
  maxTerms: 200_000,
});

export type TermProblem = 'empty' | 'too-long' | 'too-many';

export type TermCheck = { ok: true; term: string } | { ok: false; reason: TermProblem };

/** Normalises one user term and says whether it can be matched; for replies to /watch and /filter. */
export function checkTerm(
  raw: string,
  normalizer: Pick<Normalizer, 'normalize'>,
  limits: Pick<MatchLimits, 'maxTermLength'> = DEFAULT_MATCH_LIMITS,
): TermCheck {
  const term = normalizer.normalize(raw);
  if (term.length === 0) return { ok: false, reason: 'empty' };
  if (term.length > limits.maxTermLength) return { ok: false, reason: 'too-long' };
  return { ok: true, term };
}

export interface Hit<Id> {
  id: Id;
  /** the normalised term found */
  term: string;
  /** code-unit range in the normalised text (map back with search's normalizeMapped) */
  start: number;
  end: number;
}

export interface MatchStats {
  transitions: number;
  /** occurrences found before the whole-word rule removed some */
  rawHits: number;
}

export interface Matcher<Id> {
  /** every occurrence of every term in already normalised text, by end position */
  match(normalisedText: string): Hit<Id>[];
  /** the same, plus the automaton's work, for the linearity check and the benchmark */
  matchWithStats(normalisedText: string): { hits: Hit<Id>[]; stats: MatchStats };
  /** calls onHit(termIndex, start, end) for whole-word occurrences; the engine of the others */
  scan(normalisedText: string, onHit: (term: number, start: number, end: number) => void): MatchStats;
  /** distinct normalised terms, indexed as in scan */
  readonly terms: readonly string[];
  /** ids per term index */
  readonly ids: readonly (readonly Id[])[];
  readonly rejected: readonly { id: Id; raw: string; reason: TermProblem }[];
}

const NONE = 0;
const DIGIT = 1;
const LETTER = 2;

function edgeClass(code: number): number {
  if (code >= 48 && code <= 57) return DIGIT;
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return LETTER;
  return NONE;
}

/**
 * An ASCII digit or letter at a term's edge must not touch one of the same class in the text:
 * 600519 is not inside 16005190 and "ai" is not inside "said", while SH600519 and 茅台600519
 * still match. CJK edges have no such rule (Chinese has no spaces between words).
 */
export function isWholeAt(text: string, term: string, start: number, end: number): boolean {
  const left = edgeClass(term.charCodeAt(0));
  if (left !== NONE && start > 0 && edgeClass(text.charCodeAt(start - 1)) === left) return false;
  const right = edgeClass(term.charCodeAt(term.length - 1));
  if (right !== NONE && end < text.length && edgeClass(text.charCodeAt(end)) === right) return false;
  return true;
}

/**
 * Builds the matcher once from (id, term) pairs. Terms are normalised here with the search
 * normaliser; several ids may share a term (stored once). Bad terms are listed in `rejected`
 * rather than thrown: they come from users.
 */
export function createMatcher<Id>(
  pairs: Iterable<readonly [Id, string]>,
  opts: { normalizer: Pick<Normalizer, 'normalize'>; limits?: Partial<MatchLimits> },
): Matcher<Id> {
  const limits = { ...DEFAULT_MATCH_LIMITS, ...opts.limits };
  const indexOf = new Map<string, number>();
  const terms: string[] = [];
  const ids: Id[][] = [];
  const rejected: { id: Id; raw: string; reason: TermProblem }[] = [];
  for (const [id, raw] of pairs) {
    const checked = checkTerm(raw, opts.normalizer, limits);
    if (!checked.ok) {
      rejected.push({ id, raw, reason: checked.reason });
      continue;
    }
    let k = indexOf.get(checked.term);
    if (k === undefined) {
      if (terms.length >= limits.maxTerms) {
        rejected.push({ id, raw, reason: 'too-many' });
        continue;
      }
      k = terms.length;
      indexOf.set(checked.term, k);
      terms.push(checked.term);
      ids.push([]);
    }
    ids[k]!.push(id);
  }
  const automaton = buildAutomaton(terms);

  const scan = (text: string, onHit: (term: number, start: number, end: number) => void): MatchStats => {
    let rawHits = 0;
    const transitions = automaton.scan(text, (k, start, end) => {
      rawHits++;
      if (isWholeAt(text, terms[k]!, start, end)) onHit(k, start, end);
    });
    return { transitions, rawHits };
  };

  const matchWithStats = (text: string) => {
    const hits: Hit<Id>[] = [];
    const stats = scan(text, (k, start, end) => {
      for (const id of ids[k]!) hits.push({ id, term: terms[k]!, start, end });
    });
    return { hits, stats };
  };

  return {
    match: (text) => matchWithStats(text).hits,
    matchWithStats,
    scan,
    terms,
    ids,
    rejected,
  };
}
