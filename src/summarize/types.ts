export interface SummaryInput {
  title: string;
  paragraphs: readonly string[];
  digest?: string | null;
}

export interface SummaryResult {
  summary: string;
  /** the chosen sentences, in source order */
  sentences: string[];
  usedDigest: boolean;
}

export interface Summarizer {
  summarize(input: SummaryInput, options?: { budget?: number; useDigest?: boolean }): SummaryResult;
}
