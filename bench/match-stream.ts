/**
 * A day of wire items for the near-duplicate benchmark, made from the labelled fixture
 * (test/fixtures/dupes): each event takes one fixture story as its template, swaps its
 * company for another listed name and every figure for fresh digits of the same shape (the
 * same swaps in every copy), and is carried by one wire; a share of events is carried again
 * by other wires minutes to hours later, in the fixture's other wordings. Templated flashes
 * with other numbers are thus the common case, as on a real wire.
 */
import { readFileSync } from 'node:fs';
import type { StoryInput } from '../src/match/near-duplicate.ts';
import { loadAShares } from '../src/match/stocks.ts';
import { createRandom, MINOR_COMPANIES } from './search-corpus.ts';

interface FixtureItem {
  id: string;
  source: string;
  title: string;
  lead: string;
}

export interface StreamItem extends StoryInput {
  event: number;
}

/** the bench's listed companies, with valid (Beijing, 83xxxx) codes for a stock directory */
export const BENCH_COMPANIES = MINOR_COMPANIES.map(([name], i) => ({
  code: `83${String(i).padStart(4, '0')}`,
  name,
}));

export function dayOfWires(count: number, start: number, copyShare: number, seed: number): StreamItem[] {
  const { items } = JSON.parse(
    readFileSync(new URL('../test/fixtures/dupes/pairs.json', import.meta.url), 'utf8'),
  ) as { items: FixtureItem[] };
  const groups = new Map<string, FixtureItem[]>();
  for (const it of items) {
    const key = it.id.startsWith('finews/') || it.id.includes('-x') ? it.id : (it.id.split('-')[0] ?? it.id);
    groups.set(key, [...(groups.get(key) ?? []), it]);
  }
  const names = loadAShares()
    .map((s) => s.name)
    .sort((a, b) => b.length - a.length);
  // an event must differ from the others of its template: by a figure in the title or a name
  const figure = /(?<![\d.])(?!(?:19|20)\d\d(?!\d))\d+(?:\.\d+)?(?![\d月日号周季])/;
  const templates = [...groups.values()].filter((g) =>
    g.every((it) => figure.test(it.title) || names.some((n) => it.title.includes(n))),
  );
  const r = createRandom(seed);
  const day = 86_400_000;
  const out: StreamItem[] = [];
  for (let event = 0; out.length < count; event++) {
    const copies = r.pick(templates);
    const company = r.pick(MINOR_COMPANIES)[0];
    const digits = new Map<string, string>();
    const swap = (text: string) => {
      let t = text;
      for (const n of names) if (t.includes(n)) t = t.split(n).join(company);
      // dates and years stay: only the figures change from one event to the next
      return t.replace(/\d+(?:\.\d+)?(?![\d月日号周])/g, (d) => {
        if (/^(?:19|20)\d\d$/.test(d)) return d;
        let to = digits.get(d);
        if (to === undefined) {
          // wide enough that two events of one template rarely draw the same figure
          const [, frac] = d.split('.');
          to =
            String(r.int(1, 999)) +
            (frac ? `.${String(r.int(0, 10 ** frac.length - 1)).padStart(frac.length, '0')}` : '');
          digits.set(d, to);
        }
        return to;
      });
    };
    const at = start + Math.floor((out.length / count) * day);
    const first = copies[0]!;
    out.push({
      id: `e${event}-0`,
      event,
      source: first.source,
      at,
      title: swap(first.title),
      lead: swap(first.lead),
    });
    if (copies.length > 1 && r.next() < copyShare) {
      for (let k = 1; k < copies.length && out.length < count; k++) {
        const c = copies[k]!;
        const later = at + r.int(1, 180) * 60_000;
        out.push({
          id: `e${event}-${k}`,
          event,
          source: c.source,
          at: later,
          title: swap(c.title),
          lead: swap(c.lead),
        });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
