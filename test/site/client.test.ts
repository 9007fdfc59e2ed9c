import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { createMetrics } from '../../src/metrics.ts';
import { createSiteClient, type SiteClientOptions, SiteError } from '../../src/site/client.ts';
import type { Validators } from '../../src/site/validators.ts';
import { type SiteServer, startSiteServer } from '../support/site-server.ts';

let server: SiteServer;
beforeAll(async () => {
  server = await startSiteServer({ snapshot: 's3-2022-03-15' });
});
afterAll(() => server.close());
beforeEach(() => {
  server.clearFaults();
  server.clearLog();
  server.switchTo('s3-2022-03-15');
});

function client(o: Partial<SiteClientOptions> = {}) {
  const metrics = createMetrics();
  const site = createSiteClient({
    origin: server.url,
    timeoutMs: 1_000,
    maxBytes: 200_000,
    concurrency: 2,
    metrics,
    log: createLogger({ level: 'silent', secrets: [] }),
    backoffMs: 5,
    ...o,
  });
  return { site, metrics };
}

const statuses = () => server.log.map((r) => r.status);

describe('site client', () => {
  it('answers 304 to a repeated conditional GET, and 200 again when the page changes', async () => {
    const { site } = client();
    expect((await site.get('/', { conditional: true })).status).toBe(200);
    const again = await site.get('/', { conditional: true });
    expect(again).toMatchObject({ status: 304, notModified: true, bytes: 0 });
    server.switchTo('s4-2022-05-31');
    expect((await site.get('/', { conditional: true })).status).toBe(200);
    expect((await site.get('/')).status).toBe(200);
    expect(statuses()).toEqual([200, 304, 200, 200]);
    expect(site.stats()).toMatchObject({ requests: 4, notModified: 1, errors: 0 });
  });

  it('keeps validators in the persisted store, so a new client still sends conditionals', async () => {
    const saved = new Map<string, Validators>();
    const store = {
      get: (p: string) => saved.get(p),
      set: (p: string, v: Validators) => void saved.set(p, v),
    };
    await client({ validators: store }).site.get('/feed.xml');
    expect((await client({ validators: store }).site.get('/feed.xml', { conditional: true })).status).toBe(
      304,
    );
    await client({ validators: store }).site.get('/sichuanribao/2022/03/15/NW202203152308494336.html');
    expect([...saved.keys()]).toEqual(['/feed.xml']);
  });

  it('encodes slugs with spaces and sends an honest User-Agent', async () => {
    const { site } = client();
    const r = await site.get('/category/21shijijingjibaodao 21caijingAPP.html');
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${server.url}/category/21shijijingjibaodao%2021caijingAPP.html`);
    expect(server.log[0]!.userAgent).toMatch(/^kuaixun\/0\.1 \(\+https:\/\//);
  });

  it('refuses other origins: absolute paths, protocol-relative paths and redirects off the site', async () => {
    const { site, metrics } = client();
    await expect(site.get('//evil.example/x')).rejects.toMatchObject({ kind: 'off-origin' });
    await expect(site.get('http://evil.example/')).rejects.toMatchObject({ kind: 'off-origin' });
    server.fault('/feed.xml', 'off-origin');
    await expect(site.get('/feed.xml')).rejects.toBeInstanceOf(SiteError);
    expect(server.log.map((r) => r.path)).toEqual(['/feed.xml']);
    expect((await metrics.siteErrors.get()).values.map((v) => v.labels.kind)).toContain('off-origin');
  });

  it('follows a redirect that stays on the site', async () => {
    const { site } = client();
    server.fault('/old-feed.xml', { redirect: '/feed.xml' });
    const r = await site.get('/old-feed.xml');
    expect(r.status).toBe(200);
    expect(r.url).toBe(`${server.url}/feed.xml`);
    expect(server.log.map((l) => [l.path, l.status])).toEqual([
      ['/old-feed.xml', 302],
      ['/feed.xml', 200],
    ]);
  });

  it('retries 5xx and network errors with backoff, then succeeds', async () => {
    const { site } = client({ retries: 2 });
    server.fault('/', 500, { times: 1 });
    server.fault('/feed.xml', 'down', { times: 2 });
    expect((await site.get('/')).status).toBe(200);
    expect((await site.get('/feed.xml')).status).toBe(200);
    expect(statuses()).toEqual([500, 200, 0, 0, 200]);
  });

  it('gives up after the retries: 500 comes back as a result, a dead connection as an error', async () => {
    const { site } = client({ retries: 1 });
    server.fault('/', 500);
    expect((await site.get('/')).status).toBe(500);
    server.fault('/feed.xml', 'truncate');
    await expect(site.get('/feed.xml')).rejects.toMatchObject({ kind: 'network' });
    expect(site.stats().errors).toBeGreaterThanOrEqual(3);
  });

  it('times out a hanging response and caps a huge one while reading', async () => {
    const { site } = client({ timeoutMs: 150, retries: 0 });
    server.fault('/', 'hang');
    await expect(site.get('/')).rejects.toMatchObject({ kind: 'timeout' });
    server.fault('/feed.xml', 'huge');
    const patient = client({ timeoutMs: 10_000, retries: 0 }).site;
    await expect(patient.get('/feed.xml')).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('returns 404 as a result with the 404 page', async () => {
    const { site } = client();
    const r = await site.get('/nope/2022/01/01/x.html');
    expect(r.status).toBe(404);
  });

  it('never has more requests in flight than its concurrency', async () => {
    const { site } = client({ concurrency: 2 });
    server.fault('*', 'slow');
    const all = await Promise.all(['/', '/feed.xml', '/a', '/b', '/c'].map((p) => site.get(p)));
    expect(all.map((r) => r.status)).toEqual([200, 200, 404, 404, 404]);
    expect(server.log).toHaveLength(5);
    expect(server.maxInFlight()).toBe(2);
  });
});
