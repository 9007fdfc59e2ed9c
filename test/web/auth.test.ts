import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkInitData, webAppSecret } from '../../src/web/init-data.ts';
import { signInitData, startWebHarness, type WebHarness } from '../support/web-harness.ts';

const alice = { id: 3101, first_name: 'Alice' };
let w: WebHarness;
beforeAll(async () => {
  w = await startWebHarness();
});
afterAll(async () => {
  await w.close();
});

const toggle = { slug: 'sichuanribao', on: true };
const now = () => Math.floor(Date.now() / 1000);

describe('initData checks (Telegram’s HMAC scheme)', () => {
  it('accepts what a Telegram client signs, and reads the user from it', () => {
    const token = w.h.fake.token;
    const res = checkInitData(signInitData(alice, token), webAppSecret(token), Date.now());
    expect(res).toMatchObject({ ok: true, user: { id: alice.id, firstName: 'Alice' } });
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['not initData', 'hello'],
    ['wrong scheme', 'Bearer abc'],
  ])('a %s Authorization gets 401 and changes nothing', async (what, initData) => {
    const res = await w.call(`/api/chats/${alice.id}/subscriptions`, {
      method: 'POST',
      body: toggle,
      ...(what === 'wrong scheme'
        ? { authorization: `Bearer ${signInitData(alice, w.h.fake.token)}` }
        : { initData }),
    });
    expect(res.status).toBe(401);
    expect(res.body.error).toBe('unauthorized');
    expect(await w.h.deps.chats.get(alice.id)).toBeUndefined();
  });

  it('a tampered field (another user id) fails the hash: 401, nothing changes', async () => {
    const signed = new URLSearchParams(signInitData(alice, w.h.fake.token));
    signed.set('user', JSON.stringify({ ...alice, id: 3102 }));
    const res = await w.call('/api/chats/3102/subscriptions', {
      method: 'POST',
      body: toggle,
      initData: signed.toString(),
    });
    expect(res).toMatchObject({ status: 401, body: { reason: 'bad-hash' } });
    expect(await w.h.deps.chats.get(3102)).toBeUndefined();
  });

  it('data signed with another bot’s token is refused', async () => {
    const res = await w.call('/api/chats', {
      initData: signInitData(alice, '999:another-bots-token-xxxxxxxxxxxx'),
    });
    expect(res).toMatchObject({ status: 401, body: { reason: 'bad-hash' } });
  });

  it('auth_date older than 24 h is expired; 23 h is still fine', async () => {
    const old = signInitData(alice, w.h.fake.token, { authDate: now() - 24 * 3600 - 60 });
    expect(await w.call('/api/chats', { initData: old })).toMatchObject({
      status: 401,
      body: { reason: 'expired' },
    });
    const fresh = signInitData(alice, w.h.fake.token, { authDate: now() - 23 * 3600 });
    expect((await w.call('/api/chats', { initData: fresh })).status).toBe(200);
  });

  it('signed data without a user is refused', async () => {
    const res = await w.call('/api/chats', { initData: signInitData(null, w.h.fake.token) });
    expect(res).toMatchObject({ status: 401, body: { reason: 'no-user' } });
  });

  it('every refusal is counted in metrics, and the token never appears in a response', async () => {
    const res = await w.call('/api/chats', { initData: 'hash=00' });
    expect(JSON.stringify(res.body)).not.toContain(w.h.fake.token);
    const metrics = await w.h.deps.metrics.registry.getSingleMetricAsString('kuaixun_web_requests_total');
    expect(metrics).toMatch(/outcome="unauthorized"} [1-9]/);
  });
});

describe('rate limit', () => {
  it('meters each user at USER_RATE_LIMIT a minute, like commands', async () => {
    const small = await startWebHarness({ USER_RATE_LIMIT: '3' });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await small.call('/api/ping', { user: alice })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      // another user has a bucket of their own
      expect((await small.call('/api/ping', { user: { id: 3109, first_name: 'B' } })).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
