import { Progress, Text } from "@mantine/core";
import type { UsageAgainstCap } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { usageColor } from "../rollup";
import classes from "./Accounts.module.css";

/**
 * UsageCell shows what an account uses against its cap: "3 / 4" over a bar
 * that turns orange from 80 % and red at the cap; without a cap, what it
 * uses alone.
 */
export function UsageCell({
  label,
  usage,
  format,
  formatOf,
}: {
  /** What is measured, for screen readers: "Users". */
  label: string;
  usage: UsageAgainstCap | undefined;
  /** Writes an amount alone: "3", "12.3 GB". */
  format: (value: bigint) => string;
  /** Writes an amount of the cap: "3 / 4", "12.3 / 50 GB". */
  formatOf: (used: bigint, cap: bigint) => string;
}) {
  const { t, formatPercent } = useI18n();
  const used = usage?.used ?? 0n;
  const cap = usage?.cap ?? 0n;
  if (cap <= 0n) {
    return (
      <div className={classes.usage}>
        <Text fz="sm" className="tabular-nums" truncate>
          {format(used)}
        </Text>
        <Text fz="xs" c="dimmed" truncate>
          {t("accounts.noCap")}
        </Text>
      </div>
    );
  }
  const percent = usage?.percent ?? 0;
  const text = formatOf(used, cap);
  return (
    <div className={classes.usage} data-percent={percent}>
      <Text fz="sm" className="tabular-nums" truncate title={formatPercent(percent / 100)}>
        {text}
      </Text>
      <Progress
        value={Math.min(100, Math.max(0, percent))}
        color={usageColor(percent)}
        size="sm"
        mt={4}
        aria-label={t("accounts.usageOf", {
          what: label,
          used: format(used),
          cap: format(cap),
        })}
      />
    </div>
  );
}
