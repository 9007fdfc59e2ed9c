/** The `kuaixun` command: run | preview | summarize | doctor. */
export async function main(argv: string[]): Promise<void> {
  const [command = 'run'] = argv;
  process.stderr.write(`kuaixun ${command}: not wired yet\n`);
  process.exitCode = 1;
}
