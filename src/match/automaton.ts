/**
 * Aho-Corasick over UTF-16 code units. Built once from distinct, already normalised patterns;
 * a scan costs at most 2 transitions per code unit (each failure step undoes an earlier goto
 * step) plus one step per occurrence reported, whatever the number of patterns.
 *
 * Edges live in one Map keyed by state * 65536 + code unit (exact below 2^53) instead of a Map
 * per state: 40,000 states would otherwise be 40,000 Maps. The root, where most characters of
 * a text land, gets a direct 65,536-entry table.
 */
export interface Automaton {
  readonly patternCount: number;
  readonly stateCount: number;
  /**
   * Calls onHit(pattern, start, end) for every occurrence, overlapping ones included, in order
   * of end position; returns the number of transitions taken (goto + failure + output links).
   */
  scan(text: string, onHit: (pattern: number, start: number, end: number) => void): number;
}

const UNIT = 65536;

export function buildAutomaton(patterns: readonly string[]): Automaton {
  const edges = new Map<number, number>();
  const rootTable = new Int32Array(UNIT);
  // per state, built as plain arrays then frozen into typed arrays
  const firstChild: number[] = [-1];
  const nextSibling: number[] = [-1];
  const edgeCode: number[] = [0];
  const depthOf: number[] = [0];
  const patternOf: number[] = [-1];

  for (let p = 0; p < patterns.length; p++) {
    const pattern = patterns[p] ?? '';
    if (pattern.length === 0) throw new Error(`pattern ${p} is empty`);
    let s = 0;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      const key = s * UNIT + c;
      let t = edges.get(key);
      if (t === undefined) {
        t = depthOf.length;
        edges.set(key, t);
        if (s === 0) rootTable[c] = t;
        firstChild.push(-1);
        nextSibling.push(firstChild[s] ?? -1);
        firstChild[s] = t;
        edgeCode.push(c);
        depthOf.push(i + 1);
        patternOf.push(-1);
      }
      s = t;
    }
    if ((patternOf[s] ?? -1) >= 0) throw new Error(`pattern ${p} repeats pattern ${patternOf[s]}`);
    patternOf[s] = p;
  }

  const n = depthOf.length;
  const fail = new Int32Array(n);
  const outLink = new Int32Array(n); // nearest proper suffix state that ends a pattern, or 0
  const depth = Int32Array.from(depthOf);
  const output = Int32Array.from(patternOf);
  const step = (s: number, c: number): number => (s === 0 ? rootTable[c]! : (edges.get(s * UNIT + c) ?? 0));

  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let v = firstChild[0] ?? -1; v >= 0; v = nextSibling[v] ?? -1) queue[tail++] = v;
  while (head < tail) {
    const u = queue[head++]!;
    for (let v = firstChild[u] ?? -1; v >= 0; v = nextSibling[v] ?? -1) {
      const c = edgeCode[v] ?? 0;
      let f = fail[u]!;
      while (f !== 0 && step(f, c) === 0) f = fail[f]!;
      const target = step(f, c);
      fail[v] = target !== v ? target : 0;
      const fv = fail[v]!;
      outLink[v] = output[fv]! >= 0 ? fv : outLink[fv]!;
      queue[tail++] = v;
    }
  }

  return {
    patternCount: patterns.length,
    stateCount: n,
    scan(text, onHit) {
      let s = 0;
      let transitions = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        let t = step(s, c);
        transitions++;
        while (t === 0 && s !== 0) {
          s = fail[s]!;
          t = step(s, c);
          transitions++;
        }
        s = t;
        if (s === 0) continue;
        const end = i + 1;
        if (output[s]! >= 0) onHit(output[s]!, end - depth[s]!, end);
        for (let o = outLink[s]!; o !== 0; o = outLink[o]!) {
          transitions++;
          onHit(output[o]!, end - depth[o]!, end);
        }
      }
      return transitions;
    },
  };
}
