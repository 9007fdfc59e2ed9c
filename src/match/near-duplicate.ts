import type { Normalizer } from '../search/normalize.ts';
import { bandKeys, createMinHasher } from './minhash.ts';
import { contentUnits, numberTokens, shingleHashes, stripDateline } from './shingles.ts';
import type { StockDirectory } from './stocks.ts';

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

/** copies of one story more than a day apart are two stories (delivery, digests and search agree) */
export const STORY_WINDOW_MS = 24 * 3600_000;

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
  /** the title's required figures ("0.52", "862"; not 2025年, 3月, nor 预期2.9) */
  titleNumbers: string[];
  /** every number of title and lead */
  numbers: Set<string>;
  /** codes of the listed companies the title names (with a stock directory) */
  stocks: string[];
}

export interface StoryFeaturizer {
  readonly options: Readonly<NearDuplicateOptions>;
  features(input: StoryInput): StoryFeatures;
  /** normalised letters and digits of title + lead, as shingled */
  content(input: Pick<StoryInput, 'title' | 'lead'>): Uint16Array;
}

export function createStoryFeaturizer(deps: {
  normalizer: Pick<Normalizer, 'normalize'>;
  /** tells "高盛：首予A买入评级" from "…首予B…": titles naming different companies differ */
  stocks?: Pick<StockDirectory, 'findStocks'> | undefined;
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
        titleNumbers: figures(title).required,
        numbers: new Set([...numberTokens(title), ...numberTokens(lead)]),
        stocks: deps.stocks?.findStocks(title) ?? [],
      };
    },
  };
}

/**
 * The title's figures. Years, months, days, weeks and quarters date the news rather than tell
 * two figures apart ("2025年净利润增长6.9%", "3月PMI", "Q1"), and a wire may write them in
 * words. A forecast or prior ("预期2.9%", "前值3.0%") is optional: some wires leave it out.
 */
function figures(title: string): { required: string[]; optional: string[] } {
  const required: string[] = [];
  const optional: string[] = [];
  for (const m of title.matchAll(/\d+(?:\.\d+)?/g)) {
    const n = m[0];
    const before = title.slice(Math.max(0, m.index - 2), m.index);
    const rest = title.slice(m.index + n.length);
    const after = rest[0] ?? '';
    if (/^(?:19|20)\d\d$/.test(n) && after !== '%') continue;
    if (/^[月日号周季]$/.test(after) || /^[-—~至]\d+[月日]/.test(rest) || /[q第]$/.test(before)) continue;
    // forecasts and priors, and the numbers in names such as 标普500 or 沪深300
    (/预期|前值|预估|预计|标普|沪深|中证|科创|北证|[a-z]$/.test(before) ? optional : required).push(n);
  }
  return { required, optional };
}

/**
 * Every required figure of one title appears in the other copy, and at least half of the other
 * title's figures appear in the first. "沪指收涨0.52%" and "沪指收跌1.21%" share a template, not
 * a story; a rewording keeps the figures, though one wire may add one ("拟10派276.24元").
 */
function numbersAgree(a: StoryFeatures, b: StoryFeatures): boolean {
  const ab = foundShare(a.titleNumbers, b.numbers);
  const ba = foundShare(b.titleNumbers, a.numbers);
  return (ab === 1 && ba >= 0.5) || (ba === 1 && ab >= 0.5);
}

/** figures agree, and titles that both name listed companies share one */
export function figuresAgree(a: StoryFeatures, b: StoryFeatures): boolean {
  if (!numbersAgree(a, b)) return false;
  return a.stocks.length === 0 || b.stocks.length === 0 || a.stocks.some((c) => b.stocks.includes(c));
}

function foundShare(wanted: readonly string[], among: ReadonlySet<string>): number {
  if (wanted.length === 0) return 1;
  let found = 0;
  for (const n of wanted) if (among.has(n)) found++;
  return found / wanted.length;
}

function sharesBand(a: StoryFeatures, b: StoryFeatures): boolean {
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
    figuresAgree(a, b) &&
    jaccard(a.shingles, b.shingles) >= opts.threshold
  );
}
