import { SegmentedControl } from "@mantine/core";
import { useI18n } from "@/lib/i18n/i18n";
import { rangeNames, type RangeName } from "../search";

/** RangeControl picks the period of the metrics charts: 1 h, 24 h, 7 days or 30 days. */
export function RangeControl({
  value,
  onChange,
}: {
  value: RangeName;
  onChange: (range: RangeName) => void;
}) {
  const { t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("metrics.range")}
      value={value}
      onChange={(v) => onChange(v as RangeName)}
      data={rangeNames.map((r) => ({ value: r, label: t(`metrics.range.${r}`) }))}
    />
  );
}
