import { readFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import { URGENT_RULES } from '../feed/urgent.ts';

const BUILT_IN = new URL('./wires.json', import.meta.url);

const wireSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    name: z.string().trim().min(1),
    aliases: z.array(z.string().trim().min(1)).default([]),
    route: z.string().regex(/^\/\S*$/, 'an RSSHub path starting with /'),
    urgentRule: z.enum(URGENT_RULES).default('none'),
    /** a route that lists only the items upstream marks as important, for wires whose main route does not */
    urgentRoute: z
      .string()
      .regex(/^\/\S*$/, 'an RSSHub path starting with /')
      .optional(),
  })
  .strict();

export type Wire = z.infer<typeof wireSchema>;

export interface Catalog {
  wires: readonly Wire[];
  /** normalised name, alias or pinyin → wire */
  index: ReadonlyMap<string, Wire>;
}

export class CatalogError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogError';
  }
}

/** How a query and a name are compared: NFKC (full-width ＣＬＳ → cls), case and spacing ignored. */
function normalizeWireQuery(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/×/g, 'x')
    .replace(/[\s·・_\-—/]+/g, '');
}

function readEntries(file: string | URL): unknown[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CatalogError(`${String(file)}: cannot read the wire list (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) throw new CatalogError(`${String(file)}: must be a JSON array of wires`);
  return data;
}

function validate(file: string | URL, entries: unknown[]): Wire[] {
  return entries.map((entry, i) => {
    const r = wireSchema.safeParse(entry);
    if (r.success) return r.data;
    const id = (entry as { id?: unknown } | null)?.id;
    const label = typeof id === 'string' ? `entry ${i + 1} ("${id}")` : `entry ${i + 1}`;
    const why = r.error.issues.map((x) => `${x.path.join('.') || 'entry'}: ${x.message}`).join('; ');
    throw new CatalogError(`${String(file)}: ${label}: ${why}`);
  });
}

function keysOf(w: Wire): string[] {
  const names = [w.id, w.name, ...w.aliases];
  const spelled = names.flatMap((n) => {
    const syllables = pinyin(n, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
    const initials = syllables.map((s) => s[0] ?? '').join('');
    // two-letter initials (db, js) name too many things to resolve a wire by
    return initials.length >= 3 ? [syllables.join(''), initials] : [syllables.join('')];
  });
  return [...new Set([...names, ...spelled].map(normalizeWireQuery).filter((k) => k.length > 1))];
}

/**
 * The built-in wires, plus an operator's JSON file (same shape) when given: an entry with a
 * built-in id replaces it, any other id is added. Errors name the file and the entry, and a
 * name or alias claimed by two wires is an error, so /sub never picks one at random.
 */
export function loadCatalog(extraFile?: string): Catalog {
  const byId = new Map<string, Wire>();
  for (const w of validate(BUILT_IN, readEntries(BUILT_IN))) byId.set(w.id, w);
  if (extraFile) for (const w of validate(extraFile, readEntries(extraFile))) byId.set(w.id, w);
  const wires = [...byId.values()];
  const index = new Map<string, Wire>();
  const direct = new Map<string, Wire>();
  for (const w of wires) {
    for (const name of [w.id, w.name, ...w.aliases].map(normalizeWireQuery)) {
      const other = direct.get(name);
      if (other && other.id !== w.id)
        throw new CatalogError(
          `${extraFile ?? String(BUILT_IN)}: "${name}" names both ${other.id} and ${w.id}`,
        );
      direct.set(name, w);
    }
  }
  // generated pinyin keys never override a name someone typed; a clash just leaves the key out
  for (const w of wires) for (const k of keysOf(w)) if (!index.has(k)) index.set(k, direct.get(k) ?? w);
  for (const [k, w] of direct) index.set(k, w);
  return { wires, index };
}

/** The wire a `/sub` argument names (name, alias, pinyin or initials), or null. */
export function resolveWire(catalog: Catalog, query: string): Wire | null {
  const key = normalizeWireQuery(query);
  return key ? (catalog.index.get(key) ?? null) : null;
}

/** The feed URL of a wire route on an RSSHub instance (which may sit under a path prefix). */
export function wireFeedUrl(rsshubUrl: string, route: string): string {
  const base = rsshubUrl.endsWith('/') ? rsshubUrl : `${rsshubUrl}/`;
  return new URL(route.replace(/^\//, ''), base).href;
}
