import { Text } from "@mantine/core";
import { useI18n, type MessageKey } from "@/lib/i18n/i18n";

/**
 * CountNoun names what a list holds, for its footer: "1 server", "45
 * servers" and "Showing 11 of 120 servers" ({count}, {shown}, {total}).
 */
export interface CountNoun {
  one: MessageKey;
  other: MessageKey;
  showing: MessageKey;
}

/**
 * countText is a list's footer line: every row shown, "45 organizations";
 * some of them shown (more pages to load), "Showing 11 of 120 servers".
 */
export function countText(
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  formatNumber: (n: number) => string,
  locale: string,
  noun: CountNoun,
  shown: number,
  total: number | undefined,
): string {
  const all = total ?? shown;
  if (shown >= all) {
    const plural = new Intl.PluralRules(locale).select(all);
    return t(plural === "one" ? noun.one : noun.other, { count: formatNumber(all) });
  }
  return t(noun.showing, { shown: formatNumber(shown), total: formatNumber(all) });
}

/** ListFooter is the count under every list, in one style. */
export function ListFooter({
  noun,
  shown,
  total,
}: {
  noun: CountNoun;
  shown: number;
  total?: number;
}) {
  const { t, formatNumber, locale } = useI18n();
  return (
    <Text fz="sm" c="dimmed" className="tabular-nums" data-testid="list-count">
      {countText(t, formatNumber, locale, noun, shown, total)}
    </Text>
  );
}
