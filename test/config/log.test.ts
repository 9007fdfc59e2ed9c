import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw';

function capture() {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString()));
  return { out, text: () => chunks.join('') };
}

describe('createLogger', () => {
  it('writes JSON objects and never the token, wherever it hides', () => {
    const { out, text } = capture();
    const log = createLogger({ level: 'debug', secrets: [TOKEN], destination: out });
    const child = log.child({ job: 'poll' });
    child.info({ url: `https://api.telegram.org/bot${TOKEN}/getMe` }, 'calling');
    child.error(
      { err: new Error(`request to https://api.telegram.org/bot${TOKEN}/sendMessage failed`) },
      'boom',
    );
    log.warn({ token: TOKEN, config: { BOT_TOKEN: TOKEN } }, `token is ${TOKEN}`);
    const lines = text().trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const obj = JSON.parse(line) as Record<string, unknown>;
      expect(obj.app).toBe('kuaixun');
    }
    expect(text()).not.toContain(TOKEN);
    expect(text()).not.toContain('AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw');
    expect(text()).toContain('bot***/getMe');
    expect(JSON.parse(lines[0]!).job).toBe('poll');
  });

  it('respects the level', () => {
    const { out, text } = capture();
    const log = createLogger({ level: 'warn', secrets: [], destination: out });
    log.info('hidden');
    log.warn('shown');
    expect(text()).toContain('shown');
    expect(text()).not.toContain('hidden');
  });
});
