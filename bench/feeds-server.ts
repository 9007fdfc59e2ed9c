/**
 * The feed server of bench:feeds in a process of its own, so the bench's resident memory is
 * the reader's, not the 5,000 generated feed bodies'. Messages: { f, top, version } sets
 * /f/<f>.xml to the 50 items ending at `top`; the reply is 'ok'. First message: the URL.
 */
import { startFeedServer } from '../test/support/feed-server.ts';
import { feedBody } from './feeds-gen.ts';

const server = await startFeedServer();
process.send?.({ url: server.url, host: server.host });
process.on('message', (m: { f: number; top: number; version: number } | 'close') => {
  if (m === 'close') {
    void server.close().then(() => process.exit(0));
    return;
  }
  server.setRoute(`/f/${m.f}.xml`, { body: feedBody(m.f, m.top), etag: `"v${m.version}-${m.f}"` });
  process.send?.('ok');
});
