import type { Normalizer } from '../search/normalize.ts';
import { bandKeys, createMinHasher } from './minhash.ts';
import { contentUnits, numberTokens, shingleHashes, stripDateline } from './shingles.ts';

export interface StoryInput {
  id: string;
  title: string;
  /** the first sentences of the body (or its summary); only leadChars of it are used */
  lead: string;
  /** publish time, ms since the epoch */
  at: number;
  source: string;
}

export interface NearDuplicateOptions {
  /** character n-gram length */
  ngram: number;
  /** MinHash functions, cut into LSH bands of `rows`: they only pick the candidates */
  hashes: number;
  rows: number;
  /** Jaccard similarity of the shingle sets at or above which two copies are one story */
  threshold: number;
  leadChars: number;
}

/** Chosen on test/fixtures/dupes (figures in BENCHMARKS.md). */
export const DEFAULT_NEAR_DUPLICATE: Readonly<NearDuplicateOptions> = Object.freeze({
  ngram: 2,
  hashes: 80,
  rows: 2,
  threshold: 0.3,
  leadChars: 120,
});

export interface StoryFeatures {
  id: string;
  source: string;
  at: number;
  /** sorted distinct shingle hashes, for the exact Jaccard of a candidate pair */
  shingles: Uint32Array;
  bands: number[];
  /** the title's figures: numbers of two or more characters that are not years ("0.52", "862") */
  titleNumbers: string[];
  /** every number of title and lead */
  numbers: Set<string>;
}

export interface StoryFeaturizer {
  readonly options: Readonly<NearDuplicateOptions>;
  features(input: StoryInput): StoryFeatures;
  /** normalised letters and digits of title + lead, as shingled */
  content(input: Pick<StoryInput, 'title' | 'lead'>): Uint16Array;
}

export function createStoryFeaturizer(deps: {
  normalizer: Pick<Normalizer, 'normalize'>;
  options?: Partial<NearDuplicateOptions>;
}): StoryFeaturizer {
  const options = Object.freeze({ ...DEFAULT_NEAR_DUPLICATE, ...deps.options });
  const hasher = createMinHasher(options.hashes);
  const texts = (input: Pick<StoryInput, 'title' | 'lead'>) => {
    const title = deps.normalizer.normalize(input.title);
    const lead = stripDateline(deps.normalizer.normalize(input.lead.slice(0, options.leadChars * 2))).slice(
      0,
      options.leadChars,
    );
    return { title, lead };
  };
  const content = (input: Pick<StoryInput, 'title' | 'lead'>) => {
    const { title, lead } = texts(input);
    return contentUnits(`${title} ${lead}`);
  };
  return {
    options,
    content,
    features(input) {
      const { title, lead } = texts(input);
      const shingles = shingleHashes(contentUnits(`${title} ${lead}`), options.ngram).sort();
      return {
        id: input.id,
        source: input.source,
        at: input.at,
        shingles,
        bands: bandKeys(hasher.signature(shingles), options.rows),
        titleNumbers: numberTokens(title).filter((n) => n.length > 1 && !YEAR.test(n)),
        numbers: new Set([...numberTokens(title), ...numberTokens(lead)]),
      };
    },
  };
}

/** a year dates the news but does not tell two figures apart: "2025年净利润增长6.9%" */
const YEAR = /^(?:19|20)\d\d$/;

/**
 * At least half of the multi-digit numbers of each title appear somewhere in the other copy.
 * "沪指收涨0.52%" and "沪指收跌1.21%" share a template, not a story; a rewording keeps the
 * figures, though one wire may add a forecast ("预期5.8%") the other leaves out.
 */
export function numbersAgree(a: StoryFeatures, b: StoryFeatures): boolean {
  return foundShare(a.titleNumbers, b.numbers) >= 0.5 && foundShare(b.titleNumbers, a.numbers) >= 0.5;
}

function foundShare(wanted: readonly string[], among: ReadonlySet<string>): number {
  if (wanted.length === 0) return 1;
  let found = 0;
  for (const n of wanted) if (among.has(n)) found++;
  return found / wanted.length;
}

export function sharesBand(a: StoryFeatures, b: StoryFeatures): boolean {
  for (let i = 0; i < a.bands.length; i++) if (a.bands[i] === b.bands[i]) return true;
  return false;
}

/** exact Jaccard similarity of two sorted distinct hash arrays */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let both = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! < b[j]!) i++;
    else if (a[i]! > b[j]!) j++;
    else {
      both++;
      i++;
      j++;
    }
  }
  const union = a.length + b.length - both;
  return union === 0 ? 0 : both / union;
}

/** The clusterer's decision for one pair: an LSH candidate, similar enough, same figures, in time. */
export function isSameStory(
  a: StoryFeatures,
  b: StoryFeatures,
  opts: { threshold: number; windowMs: number },
): boolean {
  return (
    Math.abs(a.at - b.at) <= opts.windowMs &&
    sharesBand(a, b) &&
    jaccard(a.shingles, b.shingles) >= opts.threshold &&
    numbersAgree(a, b)
  );
}
