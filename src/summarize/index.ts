import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';
import {
  createBigramFeaturizer,
  createJiebaFeaturizer,
  type Featurizer,
  similarityMatrix,
  vectorize,
} from './features.ts';
import { DEFAULT_WEIGHTS, dependsOnPrevious, type ScoreWeights, scoreSentences } from './score.ts';
import { leadK, type SelectOptions, selectSentences } from './select.ts';
import { splitSentences } from './split.ts';
import { charLength, joinSentences } from './text.ts';
import type { Summarizer, SummaryInput, SummaryResult } from './types.ts';

export { leadK } from './select.ts';
export { splitSentences } from './split.ts';

/** Loaded only on request: the dictionary costs memory the default summarizer does not need. */
function loadJieba(): Jieba {
  const require = createRequire(import.meta.url);
  const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  return JiebaClass.withDict(dict);
}

export interface SummarizerOptions {
  /** default character budget (config SUMMARY_BUDGET) */
  budget?: number;
  /** 'bigram' (default, no dictionary) or 'jieba' words */
  features?: 'bigram' | 'jieba';
  weights?: Partial<ScoreWeights>;
  select?: Partial<Omit<SelectOptions, 'budget'>>;
}

const DEFAULT_SELECT: Omit<SelectOptions, 'budget'> = {
  redundancy: 0.3,
  maxSimilarity: 0.8,
  threshold: 0.6,
  adjacency: 0.1,
  dependency: 0.3,
  openEnd: 0.3,
  overflow: 1.25,
  overflowMargin: 0.8,
};

const MAX_SENTENCES = 300;
const MAX_BUDGET = 2000;

export function createSummarizer(options: SummarizerOptions = {}): Summarizer {
  const defaultBudget = options.budget ?? 120;
  const featurizer: Featurizer =
    options.features === 'jieba' ? createJiebaFeaturizer(loadJieba()) : createBigramFeaturizer();
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const select = { ...DEFAULT_SELECT, ...options.select };

  function extract(title: string, paragraphs: readonly string[], budget: number): string[] {
    // the similarity matrix is quadratic; a news summary lives in the first few hundred sentences
    const sentences = splitSentences(paragraphs).slice(0, MAX_SENTENCES);
    if (sentences.length <= 1) return sentences.map((s) => s.text);
    const { vectors, dictionary } = vectorize(sentences.map((s) => featurizer.terms(s.text)));
    const titleIds = [...new Set(featurizer.terms(title))].map((t) => dictionary.get(t) ?? -1);
    const n = sentences.length;
    const sim = similarityMatrix(vectors);
    const scores = scoreSentences(sentences, vectors, sim, titleIds, weights);
    const picked = selectSentences(
      sentences.map((s, i) => ({
        text: s.text,
        score: scores[i]!,
        fallbackOnly: s.heading,
        dependent: dependsOnPrevious(s.text),
        continues: /[；;：:，,、]$/.test(s.text),
      })),
      (i, j) => sim[i * n + j]!,
      { budget, ...select },
    );
    return picked.map((i) => sentences[i]!.text);
  }

  /** Spaces between ASCII sentences only when they still fit: the budget is a promise. */
  function result(sentences: string[], budget: number, usedDigest: boolean): SummaryResult {
    const spaced = joinSentences(sentences);
    const summary = charLength(spaced) <= budget ? spaced : sentences.join('');
    return { summary, sentences, usedDigest };
  }

  return {
    summarize(input: SummaryInput, opts = {}): SummaryResult {
      const budget = Math.min(
        MAX_BUDGET,
        Math.max(1, Math.floor(opts.budget ?? defaultBudget) || defaultBudget),
      );
      const digest = input.digest?.trim();
      if ((opts.useDigest ?? true) && digest) {
        const all = splitSentences([digest]).map((s) => s.text);
        // sites do repeat a sentence in their description; a summary says each thing once
        const once = [...new Set(all)];
        if (once.length === all.length && charLength(digest) <= budget) {
          return { summary: digest, sentences: all, usedDigest: true };
        }
        // a digest is already a summary: keep its leading sentences, in order
        return result(leadK(once, budget), budget, true);
      }
      return result(extract(input.title ?? '', input.paragraphs ?? [], budget), budget, false);
    },
  };
}
