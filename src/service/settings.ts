import { z } from 'zod';
import { DEFAULT_DIGEST_TIMES } from '../chats/store.ts';
import type { Chat, Lang } from '../chats/types.ts';
import { definedOnly } from '../defined.ts';
import { parseQuiet } from '../delivery/quiet.ts';
import type { Deps } from '../deps.ts';
import { MAX_DIGEST_TIMES, parseTime, validZone } from './rules.ts';

export type ServiceDeps = Pick<Deps, 'chats' | 'registry' | 'config' | 'now'>;

/**
 * A validated change to a chat's settings. Extension point: further chat-wide choices join
 * here and in settingsSchema, so the commands and the Mini App get them through the same door.
 * Watch terms and per-subscription filters are lists with their own caps: see watchlists and
 * filters.ts.
 */
export interface SettingsChange {
  lang?: Lang | undefined;
  mode?: 'instant' | 'digest' | undefined;
  /** HH:MM, already parsed */
  digestTimes?: string[] | undefined;
  tz?: string | undefined;
  linkPreview?: boolean | undefined;
  showSummary?: boolean | undefined;
  /** digests only on A-share trading days */
  digestTrading?: boolean | undefined;
  /** urgent items and watch hits pass through digest mode and quiet hours */
  breakThrough?: boolean | undefined;
  /** `HH:MM-HH:MM` as parseQuiet gives it; null: no quiet hours */
  quiet?: string | null | undefined;
}

/** What a settings screen shows: the chat's choices, nothing of its delivery bookkeeping. */
export interface SettingsView {
  chatId: number;
  kind: Chat['kind'];
  title: string;
  lang: Lang;
  mode: 'instant' | 'digest';
  digestTimes: string[];
  tz: string;
  linkPreview: boolean;
  showSummary: boolean;
  /** `HH:MM-HH:MM`, or null */
  quiet: string | null;
  digestTrading: boolean;
  breakThrough: boolean;
  subscriptions: string[];
  /** slug → how the source is named to people (`四川日报 (sichuanribao)`), for every subscription */
  names: Record<string, string>;
  /** slug → normalised +/− words */
  filters: Record<string, { include: string[]; exclude: string[] }>;
  maxSubscriptions: number;
}

export function settingsView(
  chat: Chat,
  maxSubscriptions: number,
  label: (slug: string) => string,
): SettingsView {
  const subscriptions = Object.keys(chat.subscriptions).sort();
  return {
    chatId: chat.id,
    kind: chat.kind,
    title: chat.title,
    lang: chat.lang,
    mode: chat.mode,
    digestTimes: [...chat.digestTimes],
    tz: chat.tz,
    linkPreview: chat.linkPreview,
    showSummary: chat.showSummary,
    quiet: chat.quiet ?? null,
    digestTrading: chat.digestTrading ?? false,
    // absent means on (see Chat.breakThrough)
    breakThrough: chat.breakThrough ?? true,
    subscriptions,
    names: Object.fromEntries(subscriptions.map((slug) => [slug, label(slug)])),
    filters: structuredClone(chat.filters ?? {}),
    maxSubscriptions,
  };
}

/**
 * The whole chat after `change`, with the two rules that keep digests meaningful: switching to
 * digests without times brings the defaults back, and removing every time means instant pushes.
 */
export function applyChange(chat: Chat, change: SettingsChange): Partial<Chat> {
  const { quiet, ...rest } = change;
  const patch: Partial<Chat> = definedOnly(rest);
  // null clears: the store drops an undefined field, as /quiet off does
  if (quiet !== undefined) patch.quiet = quiet ?? undefined;
  const times = change.digestTimes ?? chat.digestTimes;
  const mode = change.mode ?? chat.mode;
  if (change.mode === 'digest' && !times.length) patch.digestTimes = [...DEFAULT_DIGEST_TIMES];
  else if (change.digestTimes && !change.digestTimes.length && mode === 'digest') patch.mode = 'instant';
  return patch;
}

/** Applies a validated change; the chat must exist (callers ensure it). */
export async function changeSettings(deps: ServiceDeps, chat: Chat, change: SettingsChange): Promise<Chat> {
  return (await deps.chats.update(chat.id, applyChange(chat, change))) ?? chat;
}

const time = z
  .string()
  .max(10)
  .transform((v, ctx) => {
    const t = parseTime(v);
    if (!t) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a time (HH:MM): ${v}` });
    return t ?? '';
  });

/** The JSON a client may send to change settings; unknown fields are refused, not ignored. */
const settingsSchema = z
  .object({
    lang: z.enum(['zh', 'en']),
    mode: z.enum(['instant', 'digest']),
    digestTimes: z
      .array(time)
      .max(MAX_DIGEST_TIMES, `at most ${MAX_DIGEST_TIMES} times`)
      .transform((ts) => [...new Set(ts)].sort()),
    tz: z
      .string()
      .max(64)
      .refine((v) => validZone(v) !== null, 'not an IANA time zone'),
    linkPreview: z.boolean(),
    showSummary: z.boolean(),
    digestTrading: z.boolean(),
    breakThrough: z.boolean(),
    // the same parser as /quiet, so `23-7` means the same in both places
    quiet: z
      .string()
      .max(40)
      .transform((v, ctx) => {
        const range = parseQuiet(v);
        if (!range) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a range (HH:MM-HH:MM): ${v}` });
        return range ?? '';
      })
      .nullable(),
  })
  .partial()
  .strict();

/** A client's settings JSON → a change, or the first problem naming its field. */
export function parseSettingsChange(
  input: unknown,
): { ok: true; change: SettingsChange } | { ok: false; field: string; message: string } {
  const parsed = settingsSchema.safeParse(input);
  if (parsed.success) return { ok: true, change: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? String(issue.path[0]) : 'body';
  const message =
    issue.code === 'unrecognized_keys' ? `unknown field: ${issue.keys.join(', ')}` : issue.message;
  return { ok: false, field: issue.code === 'unrecognized_keys' ? String(issue.keys[0]) : field, message };
}
