/**
 * One "instance" for the lease test: holds the receiver lease and says on stdout when it gets
 * or loses it, until it is killed. argv: redis url, key prefix, ttl ms.
 */
import { Redis } from 'ioredis';
import { holdLease } from '../../src/storage/redis/lease.ts';

const [url, prefix, ttl] = process.argv.slice(2);
const redis = new Redis(url!);
holdLease({
  redis,
  prefix: prefix!,
  name: 'receiver',
  ttlMs: Number(ttl),
  onAcquired: () => void process.stdout.write(`acquired ${process.pid}\n`),
  onLost: () => void process.stdout.write(`lost ${process.pid}\n`),
});
process.stdout.write(`ready ${process.pid}\n`);
