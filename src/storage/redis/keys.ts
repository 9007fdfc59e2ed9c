/**
 * Every Redis key kuaixun writes, in one place. All start with the instance group's prefix, so
 * several bots (or test runs) share a server without touching each other's keys.
 */
export function redisKeys(prefix: string) {
  return {
    /** sorted set of grant times in the last second, across instances */
    sendGlobal: `${prefix}send:global`,
    sendChat: (chatId: number) => `${prefix}send:chat:${chatId}`,
    /** a retry_after without a chat: nothing is sent until it expires */
    pauseAll: `${prefix}send:pause:all`,
    /** a retry_after on a chat: every push waits it out */
    pausePush: `${prefix}send:pause:push`,
    pauseChat: (chatId: number) => `${prefix}send:pause:chat:${chatId}`,
    /** set briefly while some instance has a reply waiting for the global rate */
    replyWaiting: `${prefix}send:reply-waiting`,
    /** job and receiver leases */
    lease: (name: string) => `${prefix}lease:${name}`,
    /** a critical section over one chat or index, across instances */
    lock: (name: string) => `${prefix}lock:${name}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;
