import { leadK, splitSentences } from '../../src/summarize/index.ts';
import { joinSentences } from '../../src/summarize/text.ts';
import type { Summarizer } from '../../src/summarize/types.ts';
import { macroRouge, type RougeScores, rouge } from './rouge.ts';

/** An article with a human digest: the reference summary. */
export interface DigestPair {
  id: string;
  title: string;
  paragraphs: readonly string[];
  digest: string;
}

export interface PairResult {
  id: string;
  ours: string;
  lead: string;
  oursScores: RougeScores;
  leadScores: RougeScores;
}

export interface DigestEval {
  pairs: PairResult[];
  ours: RougeScores;
  lead: RougeScores;
}

/** Lead-k under the same budget and the same sentence splitter as ours. */
export function leadSummary(paragraphs: readonly string[], budget: number): string {
  return joinSentences(
    leadK(
      splitSentences(paragraphs).map((s) => s.text),
      budget,
    ),
  );
}

/** Our summary of the article without its digest (useDigest false) and Lead-k, both scored against the digest. */
export function evaluateDigests(
  summarizer: Summarizer,
  pairs: readonly DigestPair[],
  budget: number,
): DigestEval {
  const results = pairs.map((p) => {
    const ours = summarizer.summarize(
      { title: p.title, paragraphs: p.paragraphs, digest: null },
      { budget, useDigest: false },
    ).summary;
    const lead = leadSummary(p.paragraphs, budget);
    return { id: p.id, ours, lead, oursScores: rouge(ours, p.digest), leadScores: rouge(lead, p.digest) };
  });
  return {
    pairs: results,
    ours: macroRouge(results.map((r, i) => ({ candidate: r.ours, reference: pairs[i]!.digest }))),
    lead: macroRouge(results.map((r, i) => ({ candidate: r.lead, reference: pairs[i]!.digest }))),
  };
}
