import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer } from '../../src/ops/health.ts';
import { buildTestDeps, type TestDeps } from '../support/test-deps.ts';

let t: TestDeps;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
  t.close({ remove: true });
});

async function start(now: () => number, startedAt: number) {
  t = buildTestDeps({ now });
  server = await startHealthServer(t.deps, 0, { maxPollAgeMs: 600_000, startedAt });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string) => {
    const res = await fetch(base + path);
    return { status: res.status, body: await res.text() };
  };
  return get;
}

describe('/healthz and /metrics', () => {
  it('is healthy while starting and after a recent poll, 503 with a reason when polls stop', async () => {
    let clock = 1_800_000_000_000;
    const get = await start(() => clock, clock);
    expect(await get('/healthz')).toEqual({ status: 200, body: 'ok: starting\n' });
    clock += 11 * 60_000;
    const noPoll = await get('/healthz');
    expect(noPoll.status).toBe(503);
    expect(noPoll.body).toContain('no successful poll since start');
    t.deps.metrics.lastPoll.set(clock / 1000 - 30);
    expect((await get('/healthz')).status).toBe(200);
    clock += 20 * 60_000;
    const stale = await get('/healthz');
    expect(stale.status).toBe(503);
    expect(stale.body).toMatch(/last successful poll \d+s ago/);
  });

  it('counts a poll another instance made (the shared poll state), not only its own', async () => {
    let clock = 1_800_000_000_000;
    const get = await start(() => clock, clock);
    clock += 11 * 60_000;
    expect((await get('/healthz')).status).toBe(503);
    const state = await t.deps.pollState.load();
    await t.deps.pollState.save({ ...state, initialized: true, lastSuccessAt: clock - 60_000 });
    expect(await get('/healthz')).toEqual({ status: 200, body: 'ok: ok\n' });
  });

  it('answers 503 when storage does not answer', async () => {
    const get = await start(Date.now, Date.now());
    t.storage.db.close();
    const res = await get('/healthz');
    expect(res.status).toBe(503);
    expect(res.body).toContain('storage does not answer');
  });

  it('serves Prometheus metrics with the counters operators need, and nothing else', async () => {
    const get = await start(Date.now, Date.now());
    t.deps.metrics.messagesSent.inc({ kind: 'article' }, 3);
    t.deps.metrics.telegram429.inc();
    t.deps.metrics.parseFailures.inc({ reason: 'no-title' });
    const res = await get('/metrics');
    expect(res.status).toBe(200);
    for (const name of [
      'kuaixun_polls_total',
      'kuaixun_posts_found_total',
      'kuaixun_site_errors_total',
      'kuaixun_outbox_pending',
      'kuaixun_telegram_403_total',
      'kuaixun_deliveries_dropped_total',
      'kuaixun_digest_runs_total',
      'kuaixun_search_seconds',
      'kuaixun_delivery_lag_seconds',
    ]) {
      expect(res.body).toContain(name);
    }
    expect(res.body).toContain('kuaixun_messages_sent_total{kind="article"} 3');
    expect(res.body).toContain('kuaixun_parse_failures_total{reason="no-title"} 1');
    expect(res.body).not.toContain('TEST-token');
    expect((await get('/other')).status).toBe(404);
  });
});
