/**
 * The process the digest crash test kills: builds `/digest now` for one chat and sends it.
 * Run with: node --import tsx digest-child.ts <dir> <siteUrl> <apiRoot> <chatId>
 */
import { createDelivery } from '../../src/delivery/index.ts';
import { pushRenderer } from '../../src/present/push-row.ts';
import { buildTestDeps } from '../support/test-deps.ts';

const [dir, siteUrl, apiRoot, chatId] = process.argv.slice(2);
if (!dir || !siteUrl || !apiRoot || !chatId)
  throw new Error('usage: digest-child <dir> <siteUrl> <apiRoot> <chatId>');
const t = buildTestDeps({
  dir,
  siteUrl,
  env: { TELEGRAM_API_ROOT: apiRoot },
  delivery: (base) => createDelivery(base, pushRenderer),
});
const queued = await t.deps.delivery.runDigests(Date.now(), { chatId: Number(chatId) });
process.stdout.write(`queued ${queued}\n`);
t.deps.delivery.start();
await t.deps.delivery.drain(60_000);
t.close();
