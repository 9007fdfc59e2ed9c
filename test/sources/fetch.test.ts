import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher, type FetcherOptions } from '../../src/sources/fetch/fetcher.ts';
import { FetchError, type FetchErrorKind } from '../../src/sources/types.ts';
import { type FeedServer, fixtureBytes, startFeedServer } from '../support/feed-server.ts';

let server: FeedServer;
beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const fetcher = (o: Partial<FetcherOptions> = {}) =>
  createFetcher({ allowPrivate: [server.host], timeoutMs: 3000, maxBytes: 1024 * 1024, ...o });

async function failure(p: Promise<unknown>): Promise<FetchError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected the fetch to fail');
}

describe('SSRF guard', () => {
  it('refuses a loopback URL that is not allowed, with no connection made', async () => {
    const errors: FetchErrorKind[] = [];
    const f = createFetcher({ timeoutMs: 3000, maxBytes: 1e6, metrics: { error: (k) => errors.push(k) } });
    const e = await failure(f.fetch({ url: `${server.url}/rss20.xml` }));
    expect(e.kind).toBe('refused');
    expect(server.connections()).toBe(0);
    expect(f.stats()).toMatchObject({ refused: 1, errors: 1, requests: 0 });
    expect(errors).toEqual(['refused']);
  });

  it('reads the same URL once its host:port is allowed', async () => {
    const doc = await fetcher().fetch({ url: `${server.url}/rss20.xml` });
    expect(doc.status).toBe(200);
    expect(doc.text).toContain('两市成交额突破万亿');
    expect(server.connections()).toBe(1);
  });

  it('matches a bare host entry for any port, but not another port of an allowed host:port', async () => {
    const byHost = createFetcher({ allowPrivate: ['127.0.0.1'], timeoutMs: 3000, maxBytes: 1e6 });
    expect((await byHost.fetch({ url: `${server.url}/rss20.xml` })).status).toBe(200);
    const otherPort = createFetcher({ allowPrivate: ['127.0.0.1:1'], timeoutMs: 3000, maxBytes: 1e6 });
    expect((await failure(otherPort.fetch({ url: `${server.url}/rss20.xml` }))).kind).toBe('refused');
  });

  it('refuses a name that resolves to a private address, and connects to the checked address', async () => {
    const resolveTo = (address: string) => async () => [{ address, family: address.includes(':') ? 6 : 4 }];
    const port = new URL(server.url).port;
    const priv = createFetcher({ timeoutMs: 3000, maxBytes: 1e6, resolve: resolveTo('10.1.2.3') });
    expect((await failure(priv.fetch({ url: `http://feeds.internal.test:${port}/x` }))).kind).toBe('refused');
    const mapped = createFetcher({ timeoutMs: 3000, maxBytes: 1e6, resolve: resolveTo('::ffff:127.0.0.1') });
    expect((await failure(mapped.fetch({ url: `http://feeds.test:${port}/x` }))).kind).toBe('refused');
    expect(server.connections()).toBe(0);
    // allowed by name: the socket goes to the resolved 127.0.0.1 while Host keeps the name
    const named = createFetcher({
      allowPrivate: [`feeds.test:${port}`],
      timeoutMs: 3000,
      maxBytes: 1e6,
      resolve: resolveTo('127.0.0.1'),
    });
    const doc = await named.fetch({ url: `http://feeds.test:${port}/atom10.xml` });
    expect(doc.text).toContain('基金动态');
    expect(server.log.map((r) => r.host)).toEqual([`feeds.test:${port}`]);
  });

  it('refuses a redirect to a private address without following it', async () => {
    server.setRoute('/to-private', { redirect: 'http://10.0.0.1/secret' });
    server.setRoute('/to-metadata', { redirect: 'http://[::ffff:169.254.169.254]/latest' });
    expect((await failure(fetcher().fetch({ url: `${server.url}/to-private` }))).kind).toBe('refused');
    expect((await failure(fetcher().fetch({ url: `${server.url}/to-metadata` }))).kind).toBe('refused');
  });

  it('reads only http and https', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.cn/feed', 'gopher://x', 'not a url']) {
      expect((await failure(fetcher().fetch({ url }))).kind).toBe('bad-url');
    }
    server.setRoute('/to-file', { redirect: 'file:///etc/passwd' });
    expect((await failure(fetcher().fetch({ url: `${server.url}/to-file` }))).kind).toBe('bad-url');
  });
});

describe('redirects', () => {
  it('follows relative Locations and reports the final URL', async () => {
    server.setRoute('/old/feed', { redirect: '../moved' });
    server.setRoute('/moved', { redirect: '/atom10.xml' });
    const doc = await fetcher().fetch({ url: `${server.url}/old/feed` });
    expect(doc.url).toBe(`${server.url}/atom10.xml`);
    expect(doc.text).toContain('基金动态');
  });

  it('stops a loop after 5 redirects', async () => {
    const e = await failure(fetcher().fetch({ url: `${server.url}/loop/a` }));
    expect(e.kind).toBe('too-many-redirects');
    expect(server.hits('/loop/a') + server.hits('/loop/b')).toBe(6);
  });
});

describe('caps', () => {
  it('cuts a 20 MB streamed body at the cap', async () => {
    const e = await failure(fetcher().fetch({ url: `${server.url}/huge` }));
    expect(e.kind).toBe('too-large');
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    expect((await failure(fetcher().fetch({ url: `${server.url}/huge-declared` }))).kind).toBe('too-large');
  });

  it('caps the decompressed size of a small gzip body', async () => {
    server.setRoute('/bomb', { body: Buffer.alloc(4 * 1024 * 1024, 0x20), encoding: 'gzip' });
    const e = await failure(fetcher().fetch({ url: `${server.url}/bomb` }));
    expect(e.kind).toBe('too-large');
  });

  it('gives up on a hanging body at the deadline', async () => {
    const e = await failure(fetcher({ timeoutMs: 300 }).fetch({ url: `${server.url}/hang` }));
    expect(e.kind).toBe('timeout');
  });

  it('gives up on a body that trickles a byte at a time, and per-request caps override the defaults', async () => {
    server.setRoute('/trickle', { body: fixtureBytes('rss20.xml'), trickleMs: 20 });
    const slow = await failure(fetcher().fetch({ url: `${server.url}/trickle`, timeoutMs: 300 }));
    expect(slow.kind).toBe('timeout');
    const small = await failure(fetcher().fetch({ url: `${server.url}/rss20.xml`, maxBytes: 100 }));
    expect(small.kind).toBe('too-large');
  });

  it('names a dropped connection and a name that does not resolve', async () => {
    server.setRoute('/reset', { reset: true });
    expect((await failure(fetcher().fetch({ url: `${server.url}/reset` }))).kind).toBe('network');
    const nowhere = createFetcher({ timeoutMs: 3000, maxBytes: 1e6 });
    expect((await failure(nowhere.fetch({ url: 'http://no-such-host.invalid/feed' }))).kind).toBe('dns');
  });

  it('reports HTTP errors with their status', async () => {
    const e = await failure(fetcher().fetch({ url: `${server.url}/missing.xml` }));
    expect([e.kind, e.status]).toEqual(['http', 404]);
  });

  it('decodes gzip, deflate and br, counting wire bytes', async () => {
    const body = fixtureBytes('rss20.xml');
    for (const encoding of ['gzip', 'deflate', 'br'] as const) {
      server.setRoute(`/z/${encoding}`, { body, encoding });
      const doc = await fetcher().fetch({ url: `${server.url}/z/${encoding}` });
      expect(doc.text).toBe(body.toString('utf8'));
      expect(doc.bytes).toBeLessThan(body.length);
    }
  });
});

describe('conditional GET', () => {
  it('round-trips an ETag into a 304 that keeps the validators', async () => {
    const f = fetcher();
    const first = await f.fetch({ url: `${server.url}/rss20.xml` });
    expect(first.validators.etag).toMatch(/^"/);
    const second = await f.fetch({ url: `${server.url}/rss20.xml`, validators: first.validators });
    expect(second).toMatchObject({ status: 304, notModified: true, text: '', validators: first.validators });
    expect(server.log.map((r) => [r.status, r.conditional])).toEqual([
      [200, false],
      [304, true],
    ]);
    expect(f.stats()).toMatchObject({ requests: 2, notModified: 1 });
  });

  it('round-trips Last-Modified', async () => {
    const lastModified = new Date('2026-12-06T02:00:00Z');
    server.setRoute('/lm', { body: '<rss/>', lastModified });
    const first = await fetcher().fetch({ url: `${server.url}/lm` });
    expect(first.validators).toEqual({ lastModified: lastModified.toUTCString() });
    const again = await fetcher().fetch({ url: `${server.url}/lm`, validators: first.validators });
    expect(again.notModified).toBe(true);
  });

  it('takes freshUntil from Cache-Control and Expires, and none from no-cache', async () => {
    const now = () => Date.parse('2026-12-06T02:00:00Z');
    server.setRoute('/cc', { body: 'x', cacheControl: 'public, max-age=300, s-maxage=600' });
    server.setRoute('/exp', { body: 'x', expires: 'Sun, 06 Dec 2026 03:00:00 GMT' });
    server.setRoute('/nc', { body: 'x', cacheControl: 'no-cache', expires: 'Sun, 06 Dec 2026 03:00:00 GMT' });
    const f = fetcher({ now });
    expect((await f.fetch({ url: `${server.url}/cc` })).freshUntil).toBe(now() + 600_000);
    expect((await f.fetch({ url: `${server.url}/exp` })).freshUntil).toBe(Date.parse('2026-12-06T03:00:00Z'));
    expect((await f.fetch({ url: `${server.url}/nc` })).freshUntil).toBeNull();
    // an answer that already sat in a cache for 100 s has 200 s left
    server.setRoute('/aged', { body: 'x', cacheControl: 'max-age=300', headers: { age: '100' } });
    expect((await f.fetch({ url: `${server.url}/aged` })).freshUntil).toBe(now() + 200_000);
  });
});

describe('charset', () => {
  const utf8 = '<?xml version="1.0"?><rss><channel><title>上证综指</title></channel></rss>';

  it('reads GBK named only in the XML declaration', async () => {
    server.setRoute('/gbk', { body: fixtureBytes('gbk-decl.xml'), contentType: 'application/xml' });
    const doc = await fetcher().fetch({ url: `${server.url}/gbk` });
    expect(doc.charset).toBe('gb18030');
    expect(doc.text).toContain('省内上市公司三季报汇总');
  });

  it('reads gb2312 from the Content-Type header as GB18030', async () => {
    const bytes = new Uint8Array(fixtureBytes('gbk-decl.xml'));
    server.setRoute('/gb2312', { body: Buffer.from(bytes), contentType: 'text/xml', charset: 'gb2312' });
    const doc = await fetcher().fetch({ url: `${server.url}/gb2312` });
    expect([doc.charset, doc.text.includes('营业收入同比增长')]).toEqual(['gb18030', true]);
  });

  it('prefers the header over the document, and the BOM over the document', async () => {
    const gbkDeclaredUtf8 = utf8.replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="gbk"?>');
    server.setRoute('/hdr', { body: gbkDeclaredUtf8, charset: 'utf-8' });
    expect((await fetcher().fetch({ url: `${server.url}/hdr` })).text).toContain('上证综指');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(gbkDeclaredUtf8)]);
    server.setRoute('/bom', { body: bom, contentType: null });
    const doc = await fetcher().fetch({ url: `${server.url}/bom` });
    expect([doc.charset, doc.text.startsWith('<?xml')]).toEqual(['utf-8', true]);
  });

  it('reads <meta charset> and http-equiv in HTML pages', async () => {
    const page = Buffer.concat([
      Buffer.from(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>',
      ),
      fixtureBytes('gbk-decl.xml').subarray(-60),
    ]);
    server.setRoute('/meta', { body: page, contentType: 'text/html' });
    expect((await fetcher().fetch({ url: `${server.url}/meta` })).charset).toBe('gb18030');
  });

  it('reads x-gbk and cp936 as GB18030 too', async () => {
    for (const charset of ['x-gbk', 'cp936', 'GBK']) {
      server.setRoute(`/cs/${charset}`, {
        body: fixtureBytes('gbk-decl.xml'),
        contentType: 'text/xml',
        charset,
      });
      const doc = await fetcher().fetch({ url: `${server.url}/cs/${charset}` });
      expect([doc.charset, doc.text.includes('地方财经')]).toEqual(['gb18030', true]);
    }
  });

  it('falls back to UTF-8 on an unknown label, counted', async () => {
    const labels: string[] = [];
    server.setRoute('/odd', { body: utf8, charset: 'x-klingon' });
    const doc = await fetcher({ metrics: { charsetFallback: (l) => labels.push(l) } }).fetch({
      url: `${server.url}/odd`,
    });
    expect([doc.charset, doc.text.includes('上证综指'), labels]).toEqual(['utf-8', true, ['x-klingon']]);
  });
});
