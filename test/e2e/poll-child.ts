/**
 * The process the poll crash tests kill: one poll tick on the given data dir.
 * `kill-at-fanout` SIGKILLs itself at the moment the stored articles are handed to delivery,
 * the one point where two transactions meet; `plain` just polls (the parent kills it mid-fetch).
 * Run with: node --import tsx poll-child.ts <dir> <siteUrl> <kill-at-fanout|plain>
 */
import { run as poll } from '../../jobs/poll.ts';
import { buildTestDeps, recordingDelivery } from '../support/test-deps.ts';

const [dir, siteUrl, mode] = process.argv.slice(2);
if (!dir || !siteUrl || !mode) throw new Error('usage: poll-child <dir> <siteUrl> <mode>');

const delivery = recordingDelivery();
if (mode === 'kill-at-fanout') {
  delivery.onNewArticles = async () => {
    process.kill(process.pid, 'SIGKILL');
    await new Promise(() => {});
  };
}
const t = buildTestDeps({ dir, siteUrl, delivery: () => delivery, env: { FETCH_TIMEOUT: '30s' } });
process.stdout.write('polling\n');
const report = await poll(t.deps);
process.stdout.write(`${JSON.stringify(report)}\n`);
t.close();
