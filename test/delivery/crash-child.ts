/**
 * The process the crash test kills: `fanout` stores one post, fans it out to every chat in the
 * database and sends until killed; `resume` starts the sender on the same file, drains, exits.
 * Run with: node --import tsx crash-child.ts <dir> <apiRoot> <token> <fanout|resume>
 */
import { addArticle, makeHarness } from '../support/delivery-harness.ts';

const [dir, apiRoot, token, phase] = process.argv.slice(2);
if (!dir || !apiRoot || !token || !phase)
  throw new Error('usage: crash-child <dir> <apiRoot> <token> <phase>');

const h = await makeHarness({
  dir,
  remote: { apiRoot, token },
  delivery: { concurrency: 12 },
});
if (phase === 'fanout') {
  const post = addArticle(h.articles, { category: 'emnews', storyKey: '202205312398034850' });
  await h.delivery.onNewArticles([post]);
  process.stdout.write('fanned-out\n');
}
h.delivery.start();
await h.delivery.drain(60_000);
const stats = await h.delivery.stats();
process.stdout.write(`${JSON.stringify(stats)}\n`);
await h.close();
