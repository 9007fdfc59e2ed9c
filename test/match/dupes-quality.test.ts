/**
 * Quality of "one story, once" on the labelled fixture (test/fixtures/dupes/README.md):
 * precision and recall of the pair decision and of the clusterer, against the naive
 * "same title" rule. Quality, not timing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createStoryFeaturizer, isSameStory, type StoryInput } from '../../src/match/near-duplicate.ts';
import { createStockDirectory, loadAShares } from '../../src/match/stocks.ts';
import { createStoryClusterer } from '../../src/match/story-clusterer.ts';
import { createNormalizer } from '../../src/search/normalize.ts';

interface Fixture {
  items: { id: string; source: string; at: string; title: string; lead: string }[];
  pairs: { a: string; b: string; same: boolean; kind: string }[];
}

const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/dupes/pairs.json', import.meta.url), 'utf8'),
) as Fixture;
const normalizer = createNormalizer();
const stocks = createStockDirectory(loadAShares(), { normalizer });
const DAY = 86_400_000;
const items = new Map<string, StoryInput>(fixture.items.map((i) => [i.id, { ...i, at: Date.parse(i.at) }]));
const item = (id: string) => items.get(id) ?? expect.unreachable(`no item ${id}`);

function score(decide: (a: StoryInput, b: StoryInput) => boolean) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const wrong: string[] = [];
  for (const p of fixture.pairs) {
    const said = decide(item(p.a), item(p.b));
    if (said && p.same) tp++;
    if (said && !p.same) fp++;
    if (!said && p.same) fn++;
    if (said !== p.same) wrong.push(`${p.kind} ${item(p.a).title} // ${item(p.b).title}`);
  }
  return { precision: tp / (tp + fp || 1), recall: tp / (tp + fn), wrong };
}

describe('the dupes fixture', () => {
  it('has at least 300 labelled pairs, hard negatives of each kind included', () => {
    expect(fixture.pairs.length).toBeGreaterThanOrEqual(300);
    const kinds = new Map<string, number>();
    for (const p of fixture.pairs) kinds.set(p.kind, (kinds.get(p.kind) ?? 0) + 1);
    for (const k of ['template-numbers', 'company-other-day', 'topic-other-event', 'finews-twin'])
      expect(kinds.get(k) ?? 0).toBeGreaterThan(0);
    expect(fixture.pairs.filter((p) => p.same).length).toBeGreaterThanOrEqual(100);
  });
});

describe('near-duplicate detection', () => {
  const featurizer = createStoryFeaturizer({ normalizer, stocks });
  const { threshold } = featurizer.options;

  it('meets the bar: precision ≥ 0.99 at recall ≥ 0.90, far above "same title"', () => {
    const ours = score((a, b) =>
      isSameStory(featurizer.features(a), featurizer.features(b), { threshold, windowMs: DAY }),
    );
    const sameTitle = score(
      (a, b) =>
        normalizer.normalize(a.title) === normalizer.normalize(b.title) && Math.abs(a.at - b.at) <= DAY,
    );
    expect(ours.precision).toBeGreaterThanOrEqual(0.99);
    expect(ours.recall).toBeGreaterThanOrEqual(0.9);
    // the baseline is exact but finds only verbatim copies: the finews twins
    expect(sameTitle.precision).toBe(1);
    expect(sameTitle.recall).toBeLessThan(0.1);
    expect(ours.recall - sameTitle.recall).toBeGreaterThan(0.8);
  });

  it('clusters the items, fed in time order, as the labels say', () => {
    const ordered = [...items.values()].sort((a, b) => a.at - b.at);
    let clock = 0;
    const clusterer = createStoryClusterer({ windowMs: DAY, now: () => clock, normalizer, stocks });
    const clusterOf = new Map<string, string>();
    for (const it of ordered) {
      clock = it.at;
      clusterOf.set(it.id, clusterer.add(it).clusterId);
    }
    const clustered = score((a, b) => clusterOf.get(a.id) === clusterOf.get(b.id));
    expect(clustered.precision).toBeGreaterThanOrEqual(0.99);
    expect(clustered.recall).toBeGreaterThanOrEqual(0.9);
  });
});
