import { skippedLine } from './backends.ts';

/** vitest globalSetup: says once, not per file, which backend suites did not run and why. */
export default function setup(): void {
  const line = skippedLine();
  if (line) console.log(line);
}
