/**
 * The keys of `o` whose value is not undefined. Parsed input (zod's `.partial()`) types every
 * absent field as `?: T | undefined`; under exactOptionalPropertyTypes a record must not carry
 * an explicit undefined where it means "unchanged", so this is where such input is narrowed.
 */
export function definedOnly<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
