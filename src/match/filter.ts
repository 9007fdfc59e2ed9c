import type { Normalizer } from '../search/normalize.ts';
import { createMatcher, type Matcher } from './matcher.ts';

/** A subscription's filter as stored: words already normalised (checkTerm) */
export interface FilterSpec {
  /** any one must appear; none given = everything passes this half */
  include: readonly string[];
  /** none may appear */
  exclude: readonly string[];
}

export type FilterResult =
  | { pass: true; included?: string }
  | { pass: false; reason: 'no-include' }
  | { pass: false; reason: 'excluded'; excluded: string };

export interface CompiledFilter {
  readonly spec: FilterSpec;
  readonly matcher: Matcher<'+' | '-'>;
}

const AS_STORED = { normalize: (s: string) => s };

/**
 * Compiles a filter into one automaton over its include and exclude words, with the same
 * whole-code rule as watchlists (+600519 does not pass an article about 16005190). Pass the
 * normaliser when the words are raw user input; stored words are already normalised.
 */
export function compileFilter(
  spec: FilterSpec,
  deps?: { normalizer: Pick<Normalizer, 'normalize'> },
): CompiledFilter {
  const pairs: ['+' | '-', string][] = [
    ...spec.include.map((w) => ['+', w] as ['+', string]),
    ...spec.exclude.map((w) => ['-', w] as ['-', string]),
  ];
  return { spec, matcher: createMatcher(pairs, { normalizer: deps?.normalizer ?? AS_STORED }) };
}

/**
 * Whether normalised article text passes a filter. An exclude word wins over an include word.
 * A FilterSpec is compiled on each call (microseconds for a few words); keep a CompiledFilter
 * where one filter meets many articles.
 */
export function evaluateFilter(filter: FilterSpec | CompiledFilter, normalisedText: string): FilterResult {
  const { matcher, spec } = 'matcher' in filter ? filter : compileFilter(filter);
  let included: string | undefined;
  let excluded: string | undefined;
  matcher.scan(normalisedText, (k) => {
    const ids = matcher.ids[k] ?? [];
    const term = matcher.terms[k];
    if (excluded === undefined && ids.includes('-')) excluded = term;
    if (included === undefined && ids.includes('+')) included = term;
  });
  if (excluded !== undefined) return { pass: false, reason: 'excluded', excluded };
  if (spec.include.length === 0) return { pass: true };
  return included !== undefined ? { pass: true, included } : { pass: false, reason: 'no-include' };
}
