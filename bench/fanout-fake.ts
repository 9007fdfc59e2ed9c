/**
 * The fake Bot API in its own process for bench/fanout.ts, so the sender's CPU and memory are
 * measured alone. Options come as JSON in argv[2]; answers `stats`, `reset` and `exit` over IPC.
 */
import { startFakeTelegram } from '../test/support/fake-telegram/index.ts';

const fake = await startFakeTelegram(JSON.parse(process.argv[2] ?? '{}'));
process.send?.({ type: 'ready', apiRoot: fake.apiRoot, token: fake.token });
process.on('message', (m: { cmd: string }) => {
  if (m.cmd === 'stats') {
    const msgs = fake.messages();
    process.send?.({
      type: 'stats',
      messages: msgs.length,
      chats: new Set(msgs.map((x) => x.chatId)).size,
      firstAt: msgs[0]?.time ?? 0,
      lastAt: msgs.at(-1)?.time ?? 0,
      retryAfters: fake.retryAfters().length,
      violations: fake.violations(0).length,
      rejected: fake.rejected({ reason: 'validation' }).length,
      cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    });
  } else if (m.cmd === 'reset') {
    fake.reset();
    process.send?.({ type: 'reset' });
  } else if (m.cmd === 'exit') {
    void fake.close().then(() => process.exit(0));
  }
});
