/** The matching room's public API: see README.md. */
export { type Automaton, buildAutomaton } from './automaton.ts';
export {
  type CompiledFilter,
  compileFilter,
  evaluateFilter,
  type FilterResult,
  type FilterSpec,
} from './filter.ts';
export {
  checkTerm,
  createMatcher,
  DEFAULT_MATCH_LIMITS,
  type Hit,
  isWholeAt,
  type Matcher,
  type MatchLimits,
  type TermCheck,
  type TermProblem,
} from './matcher.ts';
export {
  createStoryFeaturizer,
  DEFAULT_NEAR_DUPLICATE,
  figuresAgree,
  isSameStory,
  jaccard,
  type NearDuplicateOptions,
  STORY_WINDOW_MS,
  type StoryFeatures,
  type StoryInput,
} from './near-duplicate.ts';
export {
  createStockDirectory,
  type Entity,
  isAShareCode,
  loadAShares,
  type StockDirectory,
  type StockEntry,
} from './stocks.ts';
export {
  type ClusterResult,
  createStoryClusterer,
  DEFAULT_BUCKET_SCAN,
  DEFAULT_MAX_ENTRIES,
  type StoryClusterer,
  type Twin,
} from './story-clusterer.ts';
export { createWatchIndex, type WatchHit, type WatchIndex, type WatchTermHit } from './watch-index.ts';
