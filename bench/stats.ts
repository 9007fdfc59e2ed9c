/** The p-th percentile of a sample (nearest rank), as every benchmark here reports it. */
export function pctl(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
