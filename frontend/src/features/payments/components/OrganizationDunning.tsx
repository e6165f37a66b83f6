import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Alert, Button, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconList, IconPlayerPause, IconPlayerPlay, IconReceipt } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import {
  DunningLevel,
  type DunningHold,
  type DunningInvoice,
  type GetOrganizationDunningResponse,
} from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { DataTable, type Column } from "@/components/data-table/DataTable";
import classes from "@/components/data-table/columns.module.css";
import { ActionButton } from "@/components/row-actions/RowActions";
import { ButtonLink, AnchorLink } from "@/components/ui/links";
import { QueryError } from "@/components/ui/QueryError";
import { Section } from "@/components/ui/Section";
import { Permission, usePermission } from "@/lib/auth";
import { formatCivilDate } from "@/lib/format";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import { useOrganizationDunning, useReleaseDunningHold } from "../api/dunning";
import { DunningLevelBadge } from "./DunningBadges";
import { noticeColumns } from "./dunningColumns";
import { HoldDunningModal } from "./HoldDunningModal";

/** How many of the latest notices the panel shows; the dunning list has them all. */
const latestNotices = 5;

/**
 * OrganizationDunning is the dunning panel of an organization's Payments
 * tab: whether its issuer chases overdue invoices, its hold (set, changed
 * and released by those who may change payments), its open overdue
 * invoices with the level each reached and the next one, and its latest
 * notices.
 */
export function OrganizationDunning({ organizationId }: { organizationId: string }) {
  const { t } = useI18n();
  const canWrite = usePermission(Permission.PAYMENTS_WRITE);
  const query = useOrganizationDunning(organizationId);
  const [holding, setHolding] = useState(false);
  const data = query.data;
  const hold = data?.hold;

  return (
    <Section
      title={t("payments.dunning.panel.title")}
      actions={
        data &&
        canWrite && (
          <Group gap="sm">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlayerPause size={14} />}
              onClick={() => setHolding(true)}
            >
              {hold ? t("payments.dunning.hold.change") : t("payments.dunning.hold.set")}
            </Button>
            {hold && <ReleaseHoldButton organizationId={organizationId} />}
          </Group>
        )
      }
    >
      <div data-testid="dunning-panel">
        {query.isPending ? (
          <Skeleton height={120} />
        ) : query.error ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <DunningState organizationId={organizationId} data={data!} />
        )}
      </div>
      {canWrite && (
        <HoldDunningModal
          opened={holding}
          onClose={() => setHolding(false)}
          organizationId={organizationId}
          hold={hold}
        />
      )}
    </Section>
  );
}

/** ReleaseHoldButton ends the hold before its last day, with the reason the API requires. */
function ReleaseHoldButton({ organizationId }: { organizationId: string }) {
  const { t } = useI18n();
  const release = useReleaseDunningHold();
  return (
    <ActionButton
      size="xs"
      variant="default"
      action={{
        id: "release",
        label: t("payments.dunning.release"),
        icon: <IconPlayerPlay size={14} />,
        title: t("payments.dunning.releaseTitle"),
        message: t("payments.dunning.releaseMessage"),
        confirmLabel: t("payments.dunning.release"),
        reason: "required",
        run: ({ reason }) => release.mutateAsync({ organizationId, reason }),
        successMessage: t("payments.dunning.released"),
      }}
    />
  );
}

function DunningState({
  organizationId,
  data,
}: {
  organizationId: string;
  data: GetOrganizationDunningResponse;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const invoiceCols = useMemo(() => invoiceColumns(i18n), [i18n]);
  const notices = data.notices.slice(0, latestNotices);
  const noticeCols = useMemo(
    () => noticeColumns(i18n, { organization: false, open: false, created: false }),
    [i18n],
  );

  return (
    <Stack gap="md">
      {data.enabled ? (
        !data.hold && (
          <Text fz="sm" c="dimmed" data-testid="dunning-state">
            {t("payments.dunning.panel.on")}
          </Text>
        )
      ) : (
        <Alert color="gray" variant="light" data-testid="dunning-state">
          {t("payments.dunning.panel.off")}
        </Alert>
      )}
      {data.hold && <HoldNotice hold={data.hold} />}

      <Stack gap="xs">
        <Title order={4}>{t("payments.dunning.panel.invoices")}</Title>
        <DataTable
          label={t("payments.dunning.panel.invoices")}
          columns={invoiceCols}
          rows={data.invoices}
          rowKey={(i) => i.invoiceId}
          dense
          noun={{
            one: "payments.dunning.panel.invoices.one",
            other: "payments.dunning.panel.invoices.other",
            showing: "payments.dunning.panel.invoices.showing",
          }}
          empty={
            <Group gap="xs" p="md" data-testid="dunning-invoices-empty">
              <IconReceipt size={18} />
              <Text fz="sm" c="dimmed">
                {t("payments.dunning.panel.noInvoices")}
              </Text>
            </Group>
          }
        />
      </Stack>

      <Stack gap="xs">
        <Group justify="space-between" gap="sm">
          <Title order={4}>{t("payments.dunning.panel.notices")}</Title>
          {data.notices.length > 0 && (
            <ButtonLink
              to="/payments/dunning"
              search={{ org: organizationId }}
              variant="default"
              size="xs"
              leftSection={<IconList size={14} />}
            >
              {t("payments.dunning.panel.allNotices")}
            </ButtonLink>
          )}
        </Group>
        {data.notices.length === 0 ? (
          <Text fz="sm" c="dimmed" data-testid="dunning-notices-empty">
            {t("payments.dunning.panel.noNotices")}
          </Text>
        ) : (
          <DataTable
            label={t("payments.dunning.panel.notices")}
            columns={noticeCols}
            rows={notices}
            rowKey={(n) => n.id}
            dense
            total={data.notices.length}
            noun={{
              one: "payments.dunning.count.one",
              other: "payments.dunning.count.other",
              showing: "payments.dunning.count.showing",
            }}
            empty={null}
          />
        )}
      </Stack>
    </Stack>
  );
}

/** HoldNotice says until when the organization's dunning is paused, why and by whom. */
function HoldNotice({ hold }: { hold: DunningHold }) {
  const { t, locale, formatDateTime } = useI18n();
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconPlayerPause size={18} />}
      title={t("payments.dunning.hold.active", { date: formatCivilDate(hold.until, locale) })}
      data-testid="dunning-hold"
    >
      <Stack gap={4}>
        <Text fz="sm" data-testid="dunning-hold-reason">
          {hold.reason}
        </Text>
        <Text fz="xs" c="dimmed">
          {t("payments.dunning.hold.by", {
            who: hold.createdByEmail || "—",
            time: hold.updateTime ? formatDateTime(timestampDate(hold.updateTime)) : "—",
          })}
        </Text>
      </Stack>
    </Alert>
  );
}

/** The columns of an organization's open overdue invoices: how far each was chased, and what comes next. */
function invoiceColumns(i18n: I18n): Column<DunningInvoice>[] {
  const { t, locale, formatMoney } = i18n;
  const day = (value: string) => (value ? formatCivilDate(value, locale) : "—");
  return [
    {
      id: "number",
      header: t("payments.dunning.col.invoice"),
      width: 150,
      cell: (i) => (
        <AnchorLink
          to="/invoices/$invoiceId"
          params={{ invoiceId: i.invoiceId }}
          fz="sm"
          fw={600}
          className={classes.nowrap}
        >
          {i.number || i.invoiceId}
        </AnchorLink>
      ),
    },
    {
      id: "due",
      header: t("payments.dunning.col.dueDate"),
      width: 115,
      cell: (i) => <span className={classes.nowrap}>{day(i.dueDate)}</span>,
    },
    {
      id: "open",
      header: t("payments.dunning.col.open"),
      width: 110,
      align: "right",
      keepOnMobile: true,
      cell: (i) => (
        <span className={`tabular-nums ${classes.nowrap}`}>
          {formatMoney(i.openCents, i.currency || "EUR")}
        </span>
      ),
    },
    {
      id: "level",
      header: t("payments.dunning.col.reached"),
      width: 160,
      hideOnMobile: true,
      cell: (i) =>
        i.level === DunningLevel.UNSPECIFIED ? (
          <span className={classes.dimmed}>{t("payments.dunning.noneSent")}</span>
        ) : (
          <DunningLevelBadge level={i.level} />
        ),
    },
    {
      id: "next",
      header: t("payments.dunning.col.next"),
      width: 200,
      hideOnMobile: true,
      cell: (i) => {
        if (i.nextLevel === DunningLevel.UNSPECIFIED) {
          // None follows: the last level was sent, or the issuer does not chase.
          return (
            <span className={classes.dimmed}>
              {i.level === DunningLevel.SECOND_NOTICE
                ? t("payments.dunning.lastLevel")
                : t("payments.dunning.noNext")}
            </span>
          );
        }
        return (
          <Stack gap={2} align="flex-start">
            <DunningLevelBadge level={i.nextLevel} />
            {i.nextDate && (
              <Text fz="xs" c="dimmed" className={classes.nowrap}>
                {t("payments.dunning.nextOn", { date: day(i.nextDate) })}
              </Text>
            )}
          </Stack>
        );
      },
    },
  ];
}
