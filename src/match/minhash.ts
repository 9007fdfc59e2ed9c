import { fmix32 } from './shingles.ts';

/**
 * MinHash signatures: k independent hash functions (fmix32 of the shingle xor a seed), each
 * keeping its minimum. The share of equal positions estimates the Jaccard similarity of the
 * shingle sets. LSH cuts the signature into bands of r rows; two texts become candidates when
 * any band is equal, which happens with probability 1 - (1 - J^r)^b.
 */
export interface MinHasher {
  readonly k: number;
  signature(shingles: Uint32Array): Uint32Array;
}

export function createMinHasher(k: number, seed = 0x9e3779b9): MinHasher {
  const seeds = new Uint32Array(k);
  let s = seed >>> 0;
  for (let i = 0; i < k; i++) {
    s = fmix32(s + 0x6d2b79f5);
    seeds[i] = s;
  }
  return {
    k,
    signature(shingles) {
      const sig = new Uint32Array(k).fill(0xffffffff);
      for (let j = 0; j < shingles.length; j++) {
        const h = shingles[j]!;
        for (let i = 0; i < k; i++) {
          const v = fmix32(h ^ seeds[i]!);
          if (v < sig[i]!) sig[i] = v;
        }
      }
      return sig;
    },
  };
}

/** one 32-bit key per band; the band index is mixed in so bands never collide with each other */
export function bandKeys(sig: Uint32Array, rows: number): number[] {
  const keys: number[] = [];
  for (let band = 0; band * rows < sig.length; band++) {
    let h = fmix32(band + 1);
    for (let r = band * rows; r < (band + 1) * rows && r < sig.length; r++) h = fmix32(h ^ sig[r]!);
    keys.push(h);
  }
  return keys;
}
