import { Group, Loader, Paper, Stack, Text } from "@mantine/core";
import type { AccountEffect } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { formatCivilDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * EffectPreview is what a change would do to an account, as the server
 * computed it (a request with preview): the next invoice's gross amount
 * and the MRR, before → after, with the difference. Its texts are the
 * area "effect"; the routes that show it load them.
 */
export function EffectPreview({
  title,
  pending,
  hint,
  testId,
  ready,
  effect,
  current,
  computing,
  failure,
  currency,
  meant = "down",
}: {
  /** The box's heading ("What it does"). */
  title: string;
  /** What it says while the inputs are not valid yet, and nothing is asked. */
  pending: string;
  /** The line under the figures (how they were computed). */
  hint: string;
  /** The box's data-testid. */
  testId: string;
  /** The inputs are valid: the server is (or was) asked. */
  ready: boolean;
  effect: AccountEffect | undefined;
  /** The effect is of the inputs as they are; otherwise it is shown faded until the new one is in. */
  current: boolean;
  computing: boolean;
  /** Why the server could not compute it ("see the marked fields" when it named fields). */
  failure: string | null;
  currency: string;
  /**
   * The way the change is meant to move the amounts (a discount down, an
   * upgrade up): a difference that way is green, the other way red.
   */
  meant?: "down" | "up";
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
          {title}
        </Text>
        {ready && computing && <Loader size={14} aria-label={t("common.loading")} />}
      </Group>
      {!ready ? (
        <Text fz="sm" c="dimmed">
          {pending}
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
              label={t("effect.nextInvoice", {
                date: formatCivilDate(effect.billingDate, locale),
              })}
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
            label={t("effect.mrr")}
            before={effect.mrrBeforeCents}
            after={effect.mrrAfterCents}
            money={money}
            meant={meant}
          />
          <Text fz="xs" c="dimmed" mt={4}>
            {hint}
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
