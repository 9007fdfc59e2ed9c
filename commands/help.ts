import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { say } from '../src/telegram/reply.ts';

/** `/help`: what the bot does, every command, examples. Anyone, anywhere. */
export const helpCommand = new Composer<BotContext>();

helpCommand.command('help', (ctx) => say(ctx, t(ctx.lang).help()));
