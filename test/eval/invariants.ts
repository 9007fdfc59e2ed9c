import { splitSentences } from '../../src/summarize/split.ts';
import { charLength, isBalanced, joinSentences, numbersIn } from '../../src/summarize/text.ts';
import type { SummaryInput, SummaryResult } from '../../src/summarize/types.ts';

const BOILERPLATE = /返回首页|返回\S{0,20}新闻|文章来源|https?:\/\/|www\.|\/\/finews\./;

/**
 * The promises a summary keeps (issue 3): within the budget unless it is one sentence, whole
 * sentences of the input in source order, balanced quotes and brackets, no sentence twice, only
 * numbers the article has, no boilerplate. Returns what is broken (empty when all hold).
 */
export function summaryViolations(input: SummaryInput, result: SummaryResult, budget: number): string[] {
  const problems: string[] = [];
  const source = result.usedDigest ? [input.digest ?? ''] : input.paragraphs;
  const sentences = splitSentences(source).map((s) => s.text);
  const text = [input.digest ?? '', ...input.paragraphs].join('\n');
  if (charLength(result.summary) > budget && result.sentences.length !== 1) {
    problems.push(
      `over budget: ${charLength(result.summary)} > ${budget} with ${result.sentences.length} sentences`,
    );
  }
  if (result.summary !== joinSentences(result.sentences) && result.summary !== result.sentences.join('')) {
    problems.push('summary is not its sentences joined');
  }
  let last = -1;
  for (const s of result.sentences) {
    const at = sentences.indexOf(s, last + 1);
    if (at < 0) problems.push(`not a whole input sentence in source order: ${s}`);
    else last = at;
    if (!isBalanced(s)) problems.push(`unbalanced quotes or brackets: ${s}`);
  }
  if (new Set(result.sentences).size !== result.sentences.length) problems.push('a sentence appears twice');
  for (const n of numbersIn(result.summary))
    if (!text.includes(n)) problems.push(`number not in the article: ${n}`);
  if (BOILERPLATE.test(result.summary)) problems.push(`boilerplate in summary: ${result.summary}`);
  if (sentences.length > 0 && result.sentences.length === 0)
    problems.push('empty summary of a non-empty article');
  return problems;
}
