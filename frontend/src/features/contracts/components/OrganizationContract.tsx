import {
  Alert,
  Badge,
  Button,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  IconArrowsExchange,
  IconCalendarEvent,
  IconPencil,
  IconRestore,
  IconX,
} from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import type { Contract } from "@leitstand/sdk/leitstand/admin/v1/contract_service_pb.js";
import { QueryError } from "@/components/ui/QueryError";
import { ReasonModal } from "@/components/ui/ReasonModal";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { formatCivilDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";
import { useCancelTransition, useContract, useSetCustomTerms } from "../api/contracts";
import { overridden, termFields, termLabels, termText } from "../terms";
import { ChangePlanModal } from "./ChangePlanModal";
import { ContractHistory } from "./ContractHistory";
import { CustomTermsModal } from "./CustomTermsModal";
import { Discounts } from "./Discounts";

type Dialog = "terms" | "reset" | "change" | "cancel" | null;

/**
 * OrganizationContract is the Contract tab of an organization's page: the
 * contract in force with its terms (custom ones marked), the scheduled plan
 * change, the discounts, the contract history and, given by the route, the
 * billing dates and the next invoice as these terms make it. Staff who may
 * write contracts set custom terms, change the plan and grant and end
 * discounts.
 */
export function OrganizationContract({
  organization,
  billingDates,
  nextInvoice,
}: {
  organization: { id: string; name: string };
  billingDates?: ReactNode;
  nextInvoice?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const canWrite = usePermission(Permission.CONTRACTS_WRITE);
  // A tier change is for those who hold the extra permission to change tiers.
  const canChangeTier = usePermission(Permission.TIERS_CHANGE);
  const query = useContract(organization.id);
  const setTerms = useSetCustomTerms();
  const cancel = useCancelTransition();
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  if (query.isPending) return <Skeleton height={320} />;
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;

  const contract = query.data.contract;
  const scheduled = query.data.scheduled;
  const custom = overridden(contract?.customTerms);

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        {contract ? (
          <CurrentContract
            contract={contract}
            actions={
              canWrite && (
                <Group gap="xs">
                  {custom.length > 0 && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="gray"
                      leftSection={<IconRestore size={14} />}
                      onClick={() => setDialog("reset")}
                    >
                      {t("contracts.reset")}
                    </Button>
                  )}
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconPencil size={14} />}
                    onClick={() => setDialog("terms")}
                  >
                    {t("contracts.editTerms")}
                  </Button>
                </Group>
              )
            }
          />
        ) : (
          <Alert color="gray" variant="light">
            {t("contracts.none")}
          </Alert>
        )}
        <Stack gap="lg">
          {scheduled ? (
            <Section title={t("contracts.scheduled")}>
              <Stack gap="xs" data-testid="scheduled-transition">
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <IconCalendarEvent size={20} aria-hidden style={{ flexShrink: 0 }} />
                  <Text fw={600}>
                    {t("contracts.movesTo", {
                      plan: scheduled.planName,
                      date: formatCivilDate(scheduled.startDate, locale),
                    })}
                  </Text>
                </Group>
                <Text fz="sm" c="dimmed">
                  {t("contracts.planVersion", {
                    plan: scheduled.planName,
                    version: scheduled.planVersion,
                  })}
                  {scheduled.createdByEmail &&
                    ` · ${t("contracts.scheduledBy", { who: scheduled.createdByEmail })}`}
                </Text>
                {scheduled.reason && (
                  <Text fz="sm" style={{ whiteSpace: "pre-line" }}>
                    {scheduled.reason}
                  </Text>
                )}
                {canChangeTier && (
                  <Group mt="xs">
                    <Button
                      size="xs"
                      variant="light"
                      color="red"
                      leftSection={<IconX size={14} />}
                      onClick={() => setDialog("cancel")}
                    >
                      {t("contracts.cancelTransition")}
                    </Button>
                  </Group>
                )}
              </Stack>
            </Section>
          ) : (
            contract && (
              <Section title={t("contracts.planChange")}>
                <Group justify="space-between" gap="sm">
                  <Text fz="sm" c="dimmed">
                    {t("contracts.noneScheduled")}
                  </Text>
                  {canChangeTier && (
                    <Button
                      leftSection={<IconArrowsExchange size={16} />}
                      onClick={() => setDialog("change")}
                    >
                      {t("contracts.changePlan")}
                    </Button>
                  )}
                </Group>
              </Section>
            )
          )}
          {billingDates && <Section>{billingDates}</Section>}
        </Stack>
      </SimpleGrid>
      {nextInvoice}
      <Discounts organization={organization} canWrite={canWrite} />
      <Stack gap="sm">
        <Text fw={600}>{t("contracts.history")}</Text>
        <ContractHistory organizationId={organization.id} />
      </Stack>
      {contract && canWrite && (
        <>
          <CustomTermsModal
            opened={dialog === "terms"}
            onClose={close}
            contract={contract}
            organizationName={organization.name}
          />
          {canChangeTier && (
            <ChangePlanModal
              opened={dialog === "change"}
              onClose={close}
              organizationId={organization.id}
              organizationName={organization.name}
              contract={contract}
            />
          )}
          <ReasonModal
            opened={dialog === "reset"}
            onClose={close}
            title={t("contracts.resetTitle")}
            body={t("contracts.resetBody", { plan: contract.planName })}
            confirm={t("contracts.reset")}
            onConfirm={async (reason) => {
              await setTerms.mutateAsync({
                organizationId: organization.id,
                customTerms: {},
                reason,
              });
              notifications.show({ color: "teal", message: t("contracts.resetDone") });
            }}
          />
        </>
      )}
      {scheduled && contract && canChangeTier && (
        <ReasonModal
          opened={dialog === "cancel"}
          onClose={close}
          title={t("contracts.cancelTitle")}
          body={t("contracts.cancelBody", {
            organization: organization.name,
            plan: contract.planName,
            next: scheduled.planName,
            date: formatCivilDate(scheduled.startDate, locale),
          })}
          confirm={t("contracts.cancelTransition")}
          color="red"
          onConfirm={async (reason) => {
            await cancel.mutateAsync({ organizationId: organization.id, reason });
            notifications.show({ color: "teal", message: t("contracts.cancelled") });
          }}
        />
      )}
    </Stack>
  );
}

/** CurrentContract shows the contract in force: its plan, since when, and its terms. */
function CurrentContract({ contract, actions }: { contract: Contract; actions: ReactNode }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const custom = overridden(contract.customTerms);
  const terms = contract.terms;
  const plan = contract.planTerms;
  return (
    <Section title={t("contracts.current")} actions={actions || undefined}>
      <Stack gap="md" data-testid="current-contract">
        <div>
          <Text fz="xl" fw={700} data-testid="contract-plan">
            {t("contracts.planVersion", { plan: contract.planName, version: contract.planVersion })}
          </Text>
          <Text fz="sm" c="dimmed">
            {t("contracts.since", { date: formatCivilDate(contract.startDate, locale) })}
          </Text>
        </div>
        {terms && (
          <Table
            withRowBorders
            verticalSpacing={6}
            fz="sm"
            aria-label={t("contracts.terms")}
            data-testid="contract-terms"
          >
            <Table.Tbody>
              {termFields.map((f) => {
                const isCustom = custom.includes(f);
                return (
                  <Table.Tr key={f} data-term={f} data-custom={isCustom || undefined}>
                    <Table.Th fw={500} c="dimmed" w="45%">
                      {t(termLabels[f])}
                    </Table.Th>
                    <Table.Td>
                      <Group gap={8} wrap="wrap">
                        <Text span fz="sm" fw={isCustom ? 600 : undefined}>
                          {termText(i18n, terms, f)}
                        </Text>
                        {isCustom && (
                          <>
                            <Badge size="sm" variant="light" color="violet">
                              {t("contracts.custom")}
                            </Badge>
                            {plan && (
                              <Text
                                span
                                fz="xs"
                                c="dimmed"
                                td="line-through"
                                title={t("contracts.planValue", { value: termText(i18n, plan, f) })}
                                data-plan-value
                              >
                                {termText(i18n, plan, f)}
                              </Text>
                            )}
                          </>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        {contract.customTermsReason && (
          <Stack gap={2} data-testid="custom-terms-reason">
            <Text fz="xs" fw={600} c="dimmed" tt="uppercase" lts={0.4}>
              {t("contracts.customReason")}
            </Text>
            <Text fz="sm" style={{ whiteSpace: "pre-line" }}>
              {contract.customTermsReason}
            </Text>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}
