import { z } from 'zod';
import { definedOnly } from '../../defined.ts';
import { normalizeHm } from '../../delivery/digest-time.ts';
import { parseOpml } from '../feed/opml.ts';
import type { ExportedSettings, ExportedSource } from './export.ts';

/** at most this many sources per import: each feed may cost requests while the user waits */
export const IMPORT_MAX = 100;
/** the largest file /import reads */
export const IMPORT_MAX_BYTES = 1_000_000;

const source = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('finews'),
    slug: z.string().min(1).max(120),
    name: z.string().max(200).optional(),
  }),
  z.object({ type: z.literal('wire'), id: z.string().min(1).max(60), name: z.string().max(200).optional() }),
  z.object({
    type: z.literal('feed'),
    url: z.string().min(1).max(2000),
    title: z.string().max(500).optional(),
  }),
]);

const settings = z
  .object({
    lang: z.enum(['zh', 'en']),
    mode: z.enum(['instant', 'digest']),
    digestTimes: z.array(z.string()).max(24),
    tz: z.string().max(64),
    linkPreview: z.boolean(),
    showSummary: z.boolean(),
    quiet: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/),
    digestTrading: z.boolean(),
    breakThrough: z.boolean(),
  })
  .partial();

const file = z.object({
  kuaixun: z.literal(1),
  settings: settings.optional(),
  sources: z.array(z.unknown()),
  watch: z.array(z.string().max(200)).max(1000).optional(),
});

export interface ImportPlan {
  sources: ExportedSource[];
  settings: Partial<ExportedSettings>;
  /** watch terms to add (the watchlist's own checks and caps apply) */
  watch: string[];
  /** one line per entry that could not be read: `#n: why` */
  errors: Array<{ line: string; why: string }>;
  /** entries beyond IMPORT_MAX, left out */
  skipped: number;
}

const label = (s: ExportedSource): string => (s.type === 'feed' ? s.url : s.type === 'wire' ? s.id : s.slug);

/** Reads an /export file (JSON or OPML) into what to restore; never throws for bad content. */
export function planImport(text: string): ImportPlan | null {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch {
      return null;
    }
    const parsed = file.safeParse(raw);
    if (!parsed.success) return null;
    const plan: ImportPlan = {
      sources: [],
      settings: {},
      watch: parsed.data.watch ?? [],
      errors: [],
      skipped: 0,
    };
    parsed.data.sources.forEach((entry, i) => {
      const r = source.safeParse(entry);
      if (!r.success)
        plan.errors.push({ line: `#${i + 1}`, why: r.error.issues[0]?.message ?? 'unreadable' });
      else plan.sources.push(r.data as ExportedSource);
    });
    plan.settings = cleanSettings(parsed.data.settings ?? {}, plan.errors);
    return cap(plan);
  }
  try {
    const feeds = parseOpml(trimmed);
    return cap({
      sources: feeds.map((f) => ({ type: 'feed', url: f.url, title: f.title })),
      settings: {},
      watch: [],
      errors: [],
      skipped: 0,
    });
  } catch {
    return null;
  }
}

function cap(plan: ImportPlan): ImportPlan {
  const seen = new Set<string>();
  const unique = plan.sources.filter(
    (s) => !seen.has(`${s.type}:${label(s)}`) && !!seen.add(`${s.type}:${label(s)}`),
  );
  return { ...plan, sources: unique.slice(0, IMPORT_MAX), skipped: Math.max(0, unique.length - IMPORT_MAX) };
}

function cleanSettings(s: z.infer<typeof settings>, errors: ImportPlan['errors']): Partial<ExportedSettings> {
  const out: Partial<ExportedSettings> = definedOnly(s);
  if (s.digestTimes) {
    const times = s.digestTimes.map(normalizeHm);
    if (times.some((t) => t === null)) {
      errors.push({ line: 'settings.digestTimes', why: s.digestTimes.join(' ') });
      delete out.digestTimes;
    } else out.digestTimes = [...new Set(times as string[])].sort();
  }
  if (s.tz) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: s.tz });
    } catch {
      errors.push({ line: 'settings.tz', why: s.tz });
      delete out.tz;
    }
  }
  return out;
}

export { label as sourceLabel };
