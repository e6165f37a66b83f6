import { Badge, Group, Paper, Skeleton, Stack, Text, Tooltip } from "@mantine/core";
import {
  AccountRisk,
  type Account,
  type AccountRiskReason,
  type ListAtRiskAccountsResponse,
} from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { reasonText, riskColor, riskCount, riskHelpKey, riskKey, risks } from "../risks";
import classes from "./Accounts.module.css";

/** RiskBadge shows a risk in its colour; hovering says what it means. */
export function RiskBadge({ risk }: { risk: AccountRisk }) {
  const { t } = useI18n();
  const help = riskHelpKey(risk);
  const badge = (
    <Badge
      color={riskColor[risk] ?? "gray"}
      variant="light"
      data-risk={AccountRisk[risk]}
      className={classes.fitBadge}
    >
      {t(riskKey(risk))}
    </Badge>
  );
  if (!help) return badge;
  return (
    <Tooltip label={t(help)} multiline w={260} withArrow openDelay={300}>
      {badge}
    </Tooltip>
  );
}

/** RiskReasons are an account's reasons in words, the most urgent first, each marked in its risk's colour. */
export function RiskReasons({
  reasons,
  account,
}: {
  reasons: AccountRiskReason[];
  account: Account | undefined;
}) {
  const i18n = useI18n();
  if (reasons.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Stack gap={2}>
      {reasons.map((reason, i) => (
        <Group
          key={i}
          gap={6}
          wrap="nowrap"
          align="baseline"
          data-reason={AccountRisk[reason.risk]}
        >
          <span
            className={classes.riskDot}
            style={{ background: `var(--mantine-color-${riskColor[reason.risk] ?? "gray"}-6)` }}
            aria-hidden
          />
          <Text fz="sm">{reasonText(reason, account, i18n)}</Text>
        </Group>
      ))}
    </Stack>
  );
}

/**
 * RiskCounts are the chips above the at-risk list: how many accounts have
 * each risk (one may count under several), the most urgent first.
 */
export function RiskCounts({ counts }: { counts: ListAtRiskAccountsResponse | undefined }) {
  const { t, formatNumber } = useI18n();
  return (
    <Paper withBorder p="sm" mb="md">
      <Group gap="sm" role="group" aria-label={t("accounts.atRisk.counts")} wrap="wrap">
        {risks.map((risk) => {
          const help = riskHelpKey(risk);
          return (
            <Tooltip
              key={risk}
              label={help ? t(help) : ""}
              disabled={!help}
              multiline
              w={260}
              withArrow
              openDelay={300}
            >
              <div
                className={classes.riskChip}
                data-testid={`risk-count-${AccountRisk[risk]}`}
                data-empty={counts && riskCount(counts, risk) === 0 ? true : undefined}
              >
                <span
                  className={classes.riskDot}
                  style={{ background: `var(--mantine-color-${riskColor[risk]}-6)` }}
                  aria-hidden
                />
                <Text fz="sm" span>
                  {t(riskKey(risk))}
                </Text>
                {counts ? (
                  <Text fz="sm" fw={700} span className="tabular-nums">
                    {formatNumber(riskCount(counts, risk))}
                  </Text>
                ) : (
                  <Skeleton height={12} width={18} />
                )}
              </div>
            </Tooltip>
          );
        })}
      </Group>
    </Paper>
  );
}
