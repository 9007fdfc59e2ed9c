import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATIC_DIR } from '../../src/web/static.ts';
import { startWebHarness, type WebHarness } from '../support/web-harness.ts';

let w: WebHarness;
beforeAll(async () => {
  w = await startWebHarness();
});
afterAll(async () => {
  await w.close();
});

describe('the page and its headers', () => {
  it('serves /app/ with a strict CSP, nosniff and no inline script', async () => {
    const res = await fetch(`${w.base}/app/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain('frame-ancestors https://web.telegram.org');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await res.text();
    // every <script> loads a file; inline code would need 'unsafe-inline'
    for (const tag of page.match(/<script[^>]*>[^<]*<\/script>/g) ?? [])
      expect(tag).toMatch(/src="[^"]+"><\/script>$/);
    expect(page).not.toMatch(/\son[a-z]+=/i);
  });

  it('sends gzip to clients that take it, and revalidates with an ETag', async () => {
    const gz = await fetch(`${w.base}/app/app.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const etag = gz.headers.get('etag') ?? '';
    const again = await fetch(`${w.base}/app/app.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves only the files of the static folder', async () => {
    expect((await fetch(`${w.base}/app`, { redirect: 'manual' })).headers.get('location')).toBe('/app/');
    for (const path of [
      '/app/nothing.js',
      '/app/..%2F..%2Fpackage.json',
      '/app/%2e%2e/server.ts',
      '/',
      '/api',
    ]) {
      expect((await fetch(`${w.base}${path}`)).status, path).toBe(404);
    }
    expect((await fetch(`${w.base}/app/`, { method: 'POST' })).status).toBe(405);
  });

  it('never writes data into the page as HTML: no innerHTML, outerHTML or insertAdjacentHTML', () => {
    for (const name of readdirSync(STATIC_DIR).filter((n) => n.endsWith('.js'))) {
      const source = readFileSync(`${STATIC_DIR}${name}`, 'utf8');
      expect(source, name).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
    }
  });

  it('keeps the first load within 100 KB of compressed JS and CSS', () => {
    const bytes = readdirSync(STATIC_DIR)
      .filter((n) => /\.(js|css)$/.test(n))
      .reduce((sum, n) => sum + gzipSync(readFileSync(`${STATIC_DIR}${n}`)).length, 0);
    expect(bytes).toBeGreaterThan(1_000);
    expect(bytes).toBeLessThan(100 * 1024);
  });
});
