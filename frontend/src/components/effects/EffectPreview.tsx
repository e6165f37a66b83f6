import { Group, Loader, Paper, Stack, Text } from "@mantine/core";
import type { AccountEffect } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { formatCivilDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * EffectPreview is what a change to an account (a discount, a plan change,
 * a trial) would do, as the server computed it with the change made and
 * rolled back: the next invoice's gross amount and the MRR, before → after,
 * with the difference. Every dialog of such a change shows it above its
 * buttons (the RPC's `preview`).
 */
export function EffectPreview({
  ready,
  effect,
  current,
  computing,
  failure,
  currency,
  pending,
  mrrFrom,
  title,
  hint,
  meant = "down",
  testId = "effect-preview",
}: {
  /** The inputs are valid: the server is (or was) asked. */
  ready: boolean;
  effect: AccountEffect | undefined;
  /** The effect is of the inputs as they are; otherwise it is shown faded until the new one is in. */
  current: boolean;
  computing: boolean;
  /** Why the server could not compute it. */
  failure: string | null;
  /** The account's currency, until the effect names its own. */
  currency: string;
  /** What is missing before the server is asked; a general sentence unless given. */
  pending?: string;
  /** The day (YYYY-MM-DD) from which the MRR after is counted, when not today (a plan change). */
  mrrFrom?: string;
  /** The box's heading; "What it does" unless given. */
  title?: string;
  /** The line under the figures; how they were computed unless given. */
  hint?: string;
  /**
   * The way the change is meant to move the amounts (a discount down, an
   * upgrade up): a difference that way is green, the other way red.
   */
  meant?: "down" | "up";
  /** The box's data-testid. */
  testId?: string;
}) {
  const { t, locale, formatMoney } = useI18n();
  const money = (cents: bigint) => formatMoney(cents, effect?.currency || currency);
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      data-testid={testId}
      data-current={current || undefined}
      aria-live="polite"
      aria-busy={computing}
    >
      <Group justify="space-between" gap="xs" mb={6}>
        <Text fz="xs" fw={700} tt="uppercase" c="dimmed">
          {title ?? t("effect.title")}
        </Text>
        {ready && computing && <Loader size={14} aria-label={t("common.loading")} />}
      </Group>
      {!ready ? (
        <Text fz="sm" c="dimmed">
          {pending ?? t("effect.pending")}
        </Text>
      ) : failure ? (
        <Text fz="sm" c="red" role="alert">
          {t("effect.failed", { message: failure })}
        </Text>
      ) : effect ? (
        <Stack gap={4} style={current ? undefined : { opacity: 0.5 }}>
          {effect.billingDate ? (
            <EffectLine
              id="next"
              label={t("effect.next", { date: formatCivilDate(effect.billingDate, locale) })}
              before={effect.nextInvoiceGrossBeforeCents}
              after={effect.nextInvoiceGrossAfterCents}
              money={money}
              meant={meant}
            />
          ) : (
            <Text fz="sm" data-effect="next">
              {t("effect.noInvoice")}
            </Text>
          )}
          <EffectLine
            id="mrr"
            label={
              mrrFrom
                ? t("effect.mrrFrom", { date: formatCivilDate(mrrFrom, locale) })
                : t("effect.mrr")
            }
            before={effect.mrrBeforeCents}
            after={effect.mrrAfterCents}
            money={money}
            meant={meant}
          />
          <Text fz="xs" c="dimmed" mt={4}>
            {hint ?? t("effect.hint")}
          </Text>
        </Stack>
      ) : (
        <Text fz="sm" c="dimmed">
          {t("common.loading")}
        </Text>
      )}
    </Paper>
  );
}

function EffectLine({
  id,
  label,
  before,
  after,
  money,
  meant,
}: {
  id: string;
  label: string;
  before: bigint;
  after: bigint;
  money: (cents: bigint) => string;
  meant: "down" | "up";
}) {
  const difference = after - before;
  const sign = meant === "down" ? -difference : difference;
  return (
    <Group justify="space-between" gap="xs" wrap="wrap" data-effect={id}>
      <Text fz="sm">{label}:</Text>
      <Text fz="sm" className="tabular-nums">
        <span data-before>{money(before)}</span> →{" "}
        <Text span fw={700} data-after>
          {money(after)}
        </Text>{" "}
        <Text span c={sign > 0n ? "teal" : sign < 0n ? "red" : "dimmed"} data-difference>
          ({difference > 0n ? "+" : ""}
          {money(difference)})
        </Text>
      </Text>
    </Group>
  );
}
