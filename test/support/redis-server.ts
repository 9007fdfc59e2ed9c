/**
 * A redis-server of the test's own on a free port, so a test can kill it and start it again
 * (as test/storage/redis-restart.redis.test.ts does) without touching the shared one. Nothing is
 * saved: a restarted server is empty, as after a crash without persistence.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './instances.ts';

export interface OwnRedis {
  url: string;
  port: number;
  /** kill -9; resolves when the process is gone */
  kill(): Promise<void>;
  /** starts it again on the same port; resolves when it accepts connections */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const c = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child = c;
    await new Promise<void>((resolve, reject) => {
      c.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('Ready to accept connections')) resolve();
      });
      c.once('exit', (code) => reject(new Error(`redis-server exited ${code}`)));
    });
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await gone;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, kill, start, stop: kill };
}
