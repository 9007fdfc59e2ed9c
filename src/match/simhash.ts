import { fmix32 } from './shingles.ts';

/**
 * 64-bit SimHash (Charikar) as two 32-bit halves: each shingle votes +1/-1 on every bit of its
 * 64-bit hash; the sign of each total is the bit. Near texts get a small Hamming distance.
 * Kept next to MinHash for the comparison in BENCHMARKS.md; the clusterer uses MinHash.
 */
export function simhash64(shingles: Uint32Array): [number, number] {
  const votes = new Int32Array(64);
  for (let j = 0; j < shingles.length; j++) {
    const lo = shingles[j]!;
    const hi = fmix32(lo ^ 0x5bd1e995);
    for (let b = 0; b < 32; b++) {
      votes[b]! += (lo >>> b) & 1 ? 1 : -1;
      votes[b + 32]! += (hi >>> b) & 1 ? 1 : -1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (votes[b]! > 0) lo |= 1 << b;
    if (votes[b + 32]! > 0) hi |= 1 << b;
  }
  return [hi >>> 0, lo >>> 0];
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export function hamming64(a: readonly [number, number], b: readonly [number, number]): number {
  return popcount((a[0] ^ b[0]) >>> 0) + popcount((a[1] ^ b[1]) >>> 0);
}
