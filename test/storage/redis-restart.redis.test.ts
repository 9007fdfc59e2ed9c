import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisSendGate } from '../../src/storage/redis/rate-limiter.ts';

// a Redis server of this test's own, so it can be killed and started again
let server: ChildProcess | undefined;
let client: Redis | undefined;
afterAll(() => {
  client?.disconnect();
  if (server?.exitCode === null) server.kill('SIGKILL');
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('Ready to accept connections')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`redis-server exited ${code}`)));
  });
  return child;
}

describe('the Redis send gate when Redis goes away', () => {
  it('holds sends while Redis is down (errors counted) and resumes by itself when it is back', async () => {
    const port = await freePort();
    server = await startRedis(port);
    const errors: unknown[] = [];
    client = new Redis(`redis://127.0.0.1:${port}`, { maxRetriesPerRequest: 1 });
    client.on('error', () => {});
    const gate = new RedisSendGate({
      redis: client,
      prefix: 'kx:restart:',
      rate: 10,
      onError: (e) => errors.push(e),
    });
    expect(await gate.acquire(1, 'push')).toBeGreaterThan(0);

    server.kill('SIGKILL');
    await new Promise((r) => server?.once('exit', r));
    let granted = false;
    const pending = gate.acquire(2, 'reply').then((at) => {
      granted = true;
      return at;
    });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(granted).toBe(false);
    expect(errors.length).toBeGreaterThan(0);

    server = await startRedis(port);
    expect(await pending).toBeGreaterThan(0);
    expect(granted).toBe(true);
    await gate.close();
  }, 30_000);
});
