import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ShouldRun } from '../../scheduler.ts';
import { redisKeys } from './keys.ts';

/**
 * Job leases: the first instance to SET NX a tick's key runs it, the others skip it. The key
 * is never released early, so an instance whose clock runs a little late finds it still taken.
 */
export function redisShouldRun(redis: Redis, prefix: string): ShouldRun {
  const keys = redisKeys(prefix);
  const me = randomBytes(4).toString('hex');
  return async (key, ttlMs) => (await redis.set(keys.lease(key), me, 'PX', ttlMs, 'NX')) === 'OK';
}

// renew or release only while we still hold it: an instance that lost the lease must not
// extend or delete its successor's
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export interface HeldLease {
  /** whether this instance holds the lease as of its last successful check */
  readonly held: boolean;
  /** stops trying; gives the lease up at once when held, so a successor needn't wait out the ttl */
  stop(): Promise<void>;
}

export interface LeaseOptions {
  redis: Redis;
  prefix: string;
  name: string;
  /** how long a dead holder keeps it; failover takes at most this plus one check */
  ttlMs: number;
  onAcquired: () => void | Promise<void>;
  onLost: () => void | Promise<void>;
  onError?: (err: unknown) => void;
}

/**
 * A long-lived lease (the receiver of updates in polling mode): held by one instance at a time,
 * renewed every third of its ttl, and taken over by another within about ttl once the holder
 * dies. A holder that can't renew in time (Redis unreachable) lets go, since a successor may
 * already hold it.
 */
export function holdLease(o: LeaseOptions): HeldLease {
  const key = redisKeys(o.prefix).lease(o.name);
  const me = randomBytes(6).toString('hex');
  const every = Math.max(50, Math.floor(o.ttlMs / 3));
  let held = false;
  let heldUntil = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let busy: Promise<void> = Promise.resolve();

  const check = async () => {
    const started = Date.now();
    try {
      const ok = held
        ? Number(await o.redis.eval(RENEW, 1, key, me, o.ttlMs)) === 1
        : (await o.redis.set(key, me, 'PX', o.ttlMs, 'NX')) === 'OK';
      if (stopped) return;
      if (ok) heldUntil = started + o.ttlMs;
      if (ok && !held) {
        held = true;
        await o.onAcquired();
      } else if (!ok && held) {
        held = false;
        await o.onLost();
      }
    } catch (err) {
      o.onError?.(err);
      if (held && Date.now() >= heldUntil - every) {
        held = false;
        await o.onLost();
      }
    }
  };
  const loop = () => {
    if (stopped) return;
    busy = check().finally(() => {
      if (!stopped) timer = setTimeout(loop, every);
    });
  };
  loop();

  return {
    get held() {
      return held;
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await busy;
      if (held) {
        held = false;
        await o.redis.eval(RELEASE, 1, key, me).catch((err: unknown) => o.onError?.(err));
      }
    },
  };
}
