/**
 * A dictionary holds the texts of one area of the interface (a feature, the
 * shared components, the shared code) in every language. English defines
 * the keys; German translates each of them and no other: a key missing in
 * one language, or only in one, does not compile. `{name}` marks a value
 * filled in at run time.
 */
export interface Dictionary<K extends string = string> {
  en: Record<K, string>;
  de: Record<K, string>;
}

/** dictionary declares an area's texts, typed so that both languages have the same keys. */
export function dictionary<const K extends string>(texts: {
  en: Record<K, string>;
  de: Record<NoInfer<K>, string>;
}): Dictionary<K> {
  return texts;
}

/** The keys of a dictionary (of each, for a union of dictionaries). */
export type KeyOf<D> = D extends Dictionary<infer K> ? K : never;
