import type { MenuButton } from 'telegraf/types';
import { type MethodHandler, requireChat } from './context.ts';
import { badRequest } from './errors.ts';
import { validateWebApp } from './validate.ts';

/** MenuButton as Telegram checks it: commands, default, or web_app with text and an https URL. */
function validMenuButton(raw: unknown): MenuButton {
  let b: unknown = raw ?? { type: 'default' };
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      throw badRequest("can't parse menu button JSON object");
    }
  }
  const button = b as Record<string, unknown>;
  if (button['type'] === 'commands' || button['type'] === 'default') return button as unknown as MenuButton;
  if (button['type'] !== 'web_app') throw badRequest('unsupported menu button type');
  if (typeof button['text'] !== 'string' || !button['text'].trim()) throw badRequest('BUTTON_TEXT_INVALID');
  validateWebApp(button['web_app']);
  return button as unknown as MenuButton;
}

/** setChatMenuButton / getChatMenuButton: per private chat, or the bot-wide default without chat_id. */
export const menuButtonMethods: Record<string, MethodHandler> = {
  setChatMenuButton: (ctx) => {
    const button = validMenuButton(ctx.body['menu_button']);
    if (ctx.body['chat_id'] === undefined) {
      ctx.state.menuButtons.set('default', button);
      return true;
    }
    const chat = requireChat(ctx);
    if (chat.type !== 'private') throw badRequest('chat is not a private chat');
    ctx.state.menuButtons.set(chat.id, button);
    return true;
  },
  getChatMenuButton: (ctx) => {
    if (ctx.body['chat_id'] === undefined)
      return ctx.state.menuButtons.get('default') ?? { type: 'commands' };
    const chat = requireChat(ctx);
    return ctx.state.menuButtons.get(chat.id) ?? ctx.state.menuButtons.get('default') ?? { type: 'commands' };
  },
};
