import net from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createPgProbe } from '../../src/storage/postgres/probe.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

let database: TestDatabase | undefined;
const servers: net.Server[] = [];
const sockets: net.Socket[] = [];
const pools: pg.Pool[] = [];
afterEach(async () => {
  // the sockets first: a pool ends only once its connection attempts have
  for (const s of sockets.splice(0)) s.destroy();
  for (const p of pools.splice(0)) await p.end().catch(() => {});
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});
afterAll(() => database?.drop());

const listen = async (onSocket: (s: net.Socket) => void) => {
  const server = net.createServer((s) => {
    sockets.push(s);
    onSocket(s);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
};
const poolAt = (connectionString: string, max = 2) => {
  // the test ends connections under the pool's feet; that is the point, not a failure
  const p = new pg.Pool({ connectionString, max });
  p.on('error', () => {});
  pools.push(p);
  return p;
};
const dbUrl = async () => {
  database ??= await createTestDatabase();
  return database.url;
};
/** a TCP hop to the real server that can stop passing the server's answers on */
const proxy = async (target: URL) => {
  let frozen = false;
  const port = await listen((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.push(upstream);
    client.on('data', (d) => upstream.write(d));
    upstream.on('data', (d) => {
      if (!frozen) client.write(d);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  const url = new URL(target);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    freeze: (on: boolean) => {
      frozen = on;
    },
  };
};

describe('PostgreSQL storage probe', () => {
  it('answers while the server does, and rejects once the pool is closed', async () => {
    const pool = poolAt(await dbUrl());
    const probe = createPgProbe(pool, 1_000);
    await expect(probe.check()).resolves.toBeUndefined();
    await pool.end();
    await expect(probe.check()).rejects.toThrow();
  });

  it('rejects with the connection error when nothing listens', async () => {
    const port = await listen(() => {});
    await new Promise((r) => servers.pop()!.close(r));
    const probe = createPgProbe(poolAt(`postgres://postgres@127.0.0.1:${port}/x`), 1_000);
    await expect(probe.check()).rejects.toThrow(/ECONNREFUSED/);
  });

  it('gives up after its timeout on a server that accepts and never answers', async () => {
    const port = await listen(() => {});
    const probe = createPgProbe(poolAt(`postgres://postgres@127.0.0.1:${port}/x`), 200);
    const t0 = Date.now();
    await expect(probe.check()).rejects.toThrow(/did not answer within 200 ms/);
    expect(Date.now() - t0).toBeLessThan(1_500);
  });

  it('gives up on a connection that stopped answering mid-way, and recovers when it answers again', async () => {
    const hop = await proxy(new URL(await dbUrl()));
    // one connection: the check after the hang can only succeed if the hung one was dropped
    const probe = createPgProbe(poolAt(hop.url, 1), 300);
    await expect(probe.check()).resolves.toBeUndefined();
    hop.freeze(true);
    const t0 = Date.now();
    await expect(probe.check()).rejects.toThrow(/300 ms|timeout/i);
    expect(Date.now() - t0).toBeLessThan(1_500);
    hop.freeze(false);
    // the unanswered connection was thrown away: the next check gets a working one
    await expect(probe.check()).resolves.toBeUndefined();
  });
});
