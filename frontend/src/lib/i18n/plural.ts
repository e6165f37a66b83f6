import { formatNumber, type Locale } from "@/lib/format";

/**
 * A text can word a count by the language's plural rules, in a small part of
 * ICU's message syntax: `{count, plural, =0 {no runs} one {# run} other {#
 * runs}}`. `#` is the count, written in the locale's digits; `=n` matches
 * the count exactly and comes before the rule's category (`one`, `other`,
 * and for other languages `zero`, `two`, `few`, `many`). Placeholders
 * (`{name}`) inside a branch are left for the caller to fill in.
 */

const rules = new Map<Locale, Intl.PluralRules>();
function pluralRules(locale: Locale): Intl.PluralRules {
  let r = rules.get(locale);
  if (!r) {
    r = new Intl.PluralRules(locale);
    rules.set(locale, r);
  }
  return r;
}

/** closing is the index just past the brace that closes the one opened before from. */
function closing(text: string, from: number): number {
  let depth = 1;
  let i = from;
  for (; i < text.length && depth > 0; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}") depth--;
  }
  return i;
}

function branches(body: string): Map<string, string> {
  const out = new Map<string, string>();
  const selector = /\s*(=\d+|zero|one|two|few|many|other)\s*\{/y;
  let at = 0;
  for (;;) {
    selector.lastIndex = at;
    const m = selector.exec(body);
    if (!m) return out;
    const end = closing(body, selector.lastIndex);
    out.set(m[1] ?? "other", body.slice(selector.lastIndex, end - 1));
    at = end;
  }
}

/** formatPlurals replaces each plural block of text by its branch for the count in params. */
export function formatPlurals(
  text: string,
  locale: Locale,
  params: Record<string, string | number>,
): string {
  const start = /\{(\w+),\s*plural,/g;
  let out = "";
  let last = 0;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const end = closing(text, m.index + m[0].length);
    const name = m[1] ?? "";
    if (!(name in params)) continue;
    const count = Number(params[name]);
    const cases = branches(text.slice(m.index + m[0].length, end - 1));
    const chosen =
      cases.get(`=${count}`) ?? cases.get(pluralRules(locale).select(count)) ?? cases.get("other");
    out += text.slice(last, m.index) + (chosen ?? "").replace(/#/g, formatNumber(count, locale));
    last = end;
    start.lastIndex = end;
  }
  return out + text.slice(last);
}
