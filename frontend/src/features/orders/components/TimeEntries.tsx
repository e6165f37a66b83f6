import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from "@mantine/core";
import { DateInput, DatesProvider } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import {
  IconClockHour4,
  IconPencil,
  IconPlayerPlay,
  IconPlayerStop,
  IconPlus,
  IconTrash,
} from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import type { TimeEntry } from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import {
  actionsColumn,
  DataTable,
  pagingProps,
  type Column,
} from "@/components/data-table/DataTable";
import { RowActions } from "@/components/row-actions/RowActions";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { Section } from "@/components/ui/Section";
import { useCaller } from "@/lib/auth";
import { useFormFailure } from "@/lib/forms";
import { useI18n, type I18n } from "@/lib/i18n/i18n";
import {
  useCreateTimeEntry,
  useDeleteTimeEntry,
  useStaff,
  useStartTimer,
  useStopTimer,
  useTimeEntries,
  useUnbilledTime,
  useUpdateTimeEntry,
} from "../api/orders";
import { formatDueDate } from "../due";
import { formatElapsed, formatMinutes, isoDay, parseDuration } from "../time";

/**
 * TimeEntries is the time recorded on an order: who worked when and how
 * long, billable or not, invoiced or not; the caller's timer on it (running
 * with the time since it started); and the order's billable time not yet
 * invoiced. Invoiced time is shown, not changed.
 */
export function TimeEntries({
  orderId,
  organizationId,
  canWrite,
  closed,
}: {
  orderId: string;
  organizationId: string;
  canWrite: boolean;
  /** A closed order takes no new timer (the server refuses it); time is still recorded by hand. */
  closed: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const caller = useCaller();
  const list = useTimeEntries(orderId);
  const unbilled = useUnbilledTime(organizationId);
  const [editing, setEditing] = useState<TimeEntry | "new" | null>(null);
  const remove = useDeleteTimeEntry();
  const entries = useMemo(() => list.data?.pages.flatMap((p) => p.timeEntries) ?? [], [list.data]);
  // The caller's timer, when it runs on this order.
  const running = entries.find((e) => e.startTime !== undefined && e.userId === caller.userId);
  const unbilledMinutes =
    unbilled.data?.orders.find((o) => o.orderId === orderId)?.minutes ??
    (unbilled.data ? 0n : undefined);

  const columns = useMemo(() => {
    const cols = timeColumns(i18n);
    if (!canWrite) return cols;
    return [
      ...cols,
      actionsColumn<TimeEntry>((e) => {
        const invoiced = e.invoiceTime !== undefined;
        const who = e.userName || "—";
        return (
          <RowActions
            label={`${formatDueDate(e.date, i18n.locale)} ${who}`}
            actions={[
              {
                id: "edit",
                label: t("orders.time.edit"),
                icon: <IconPencil size={16} />,
                disabled: invoiced,
                disabledReason: t("orders.time.invoicedLocked"),
                onSelect: () => setEditing(e),
              },
              {
                id: "delete",
                label: t("orders.time.delete"),
                icon: <IconTrash size={16} />,
                color: "red",
                dividerBefore: true,
                disabled: invoiced,
                disabledReason: t("orders.time.invoicedLocked"),
                title: t("orders.time.deleteTitle"),
                message: t("orders.time.deleteHint", {
                  duration: formatMinutes(e.minutes),
                  who,
                  date: formatDueDate(e.date, i18n.locale),
                }),
                confirmLabel: t("orders.time.delete"),
                danger: true,
                reason: "none",
                run: () => remove.mutateAsync({ id: e.id }),
                successMessage: t("orders.time.deleted"),
              },
            ]}
          />
        );
      }),
    ];
  }, [i18n, t, canWrite, remove]);

  return (
    <Section
      title={t("orders.time")}
      actions={
        canWrite && (
          <Group gap="xs">
            {(running || !closed) && <TimerButton orderId={orderId} running={running} />}
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => setEditing("new")}
            >
              {t("orders.time.add")}
            </Button>
          </Group>
        )
      }
    >
      <Stack gap="sm">
        {running?.startTime && <RunningTimer start={timestampDate(running.startTime)} />}
        {unbilledMinutes !== undefined && (
          <Tooltip label={t("orders.time.unbilledHint")} multiline w={320}>
            <Text fz="sm" fw={500} data-testid="unbilled" w="fit-content">
              {t("orders.time.unbilled", { time: formatMinutes(unbilledMinutes) })}
            </Text>
          </Tooltip>
        )}
        {entries.length === 0 && !list.isPending ? (
          <Text c="dimmed" fz="sm">
            {t("orders.timeEmpty")}
          </Text>
        ) : (
          <DataTable
            label={t("orders.time")}
            columns={columns}
            rows={entries}
            rowKey={(e) => e.id}
            {...pagingProps(list)}
            dense
          />
        )}
      </Stack>
      <TimeEntryModal orderId={orderId} entry={editing} onClose={() => setEditing(null)} />
    </Section>
  );
}

function timeColumns(i18n: I18n): Column<TimeEntry>[] {
  const { t, locale, formatDate } = i18n;
  return [
    {
      id: "date",
      header: t("orders.time.col.date"),
      width: 110,
      cell: (e) => <span style={{ whiteSpace: "nowrap" }}>{formatDueDate(e.date, locale)}</span>,
    },
    {
      id: "staff",
      header: t("orders.time.col.staff"),
      width: 170,
      hideOnMobile: true,
      cell: (e) => e.userName || "—",
    },
    {
      id: "duration",
      header: t("orders.time.col.duration"),
      width: 80,
      align: "right",
      keepOnMobile: true,
      cell: (e) =>
        e.startTime ? (
          <Badge color="teal" variant="light">
            {t("orders.time.running")}
          </Badge>
        ) : (
          <span className="tabular-nums" data-minutes={e.minutes}>
            {formatMinutes(e.minutes)}
          </span>
        ),
    },
    {
      id: "description",
      header: t("orders.time.col.description"),
      cell: (e) => e.description || "—",
    },
    {
      id: "billable",
      header: t("orders.time.col.billable"),
      width: 120,
      hideOnMobile: true,
      cell: (e) =>
        e.billable ? (
          <Badge variant="light" color="blue">
            {t("orders.time.billable")}
          </Badge>
        ) : (
          <Text fz="sm" c="dimmed">
            {t("orders.time.notBillable")}
          </Text>
        ),
    },
    {
      id: "invoiced",
      header: t("orders.time.col.invoiced"),
      width: 150,
      hideOnMobile: true,
      cell: (e) =>
        e.invoiceTime ? (
          <Text fz="sm" data-invoiced>
            {t("orders.time.invoicedOn", { date: formatDate(timestampDate(e.invoiceTime)) })}
          </Text>
        ) : (
          <Text fz="sm" c="dimmed">
            {t("orders.time.notInvoiced")}
          </Text>
        ),
    },
  ];
}

/** RunningTimer shows the caller's running timer with the time since it started, each second. */
function RunningTimer({ start }: { start: Date }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 1000);
    return () => window.clearInterval(id);
  }, []);
  return (
    <Group gap="xs" data-testid="timer-running">
      <IconClockHour4 size={18} color="var(--mantine-color-teal-6)" />
      <Text fz="sm" fw={600} c="teal" className="tabular-nums">
        {t("orders.timer.running", { elapsed: formatElapsed(start, now) })}
      </Text>
    </Group>
  );
}

/**
 * TimerButton starts the caller's timer on the order, or stops it where it
 * runs here. One timer runs per person: starting one while another runs
 * elsewhere is refused, and the server's refusal names that order.
 */
function TimerButton({ orderId, running }: { orderId: string; running: TimeEntry | undefined }) {
  const { t } = useI18n();
  const start = useStartTimer();
  const stop = useStopTimer();
  if (running) {
    return (
      <Tooltip label={t("orders.timer.hint")} multiline w={260}>
        <Button
          size="xs"
          color="red"
          leftSection={<IconPlayerStop size={16} />}
          loading={stop.isPending}
          onClick={() =>
            stop.mutate(
              {},
              {
                onSuccess: (res) =>
                  notifications.show({
                    color: "teal",
                    message: t("orders.timer.stopped", {
                      duration: formatMinutes(res.timeEntry?.minutes ?? 0),
                    }),
                  }),
              },
            )
          }
        >
          {t("orders.timer.stop")}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={t("orders.timer.hint")} multiline w={260}>
      <Button
        size="xs"
        leftSection={<IconPlayerPlay size={16} />}
        loading={start.isPending}
        onClick={() =>
          start.mutate(
            { orderId, description: "", billable: true },
            {
              onSuccess: () =>
                notifications.show({ color: "teal", message: t("orders.timer.started") }),
            },
          )
        }
      >
        {t("orders.timer.start")}
      </Button>
    </Tooltip>
  );
}

function TimeEntryModal({
  orderId,
  entry,
  onClose,
}: {
  orderId: string;
  entry: TimeEntry | "new" | null;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <FormModal
      opened={entry !== null}
      onClose={onClose}
      title={entry === "new" ? t("orders.time.addTitle") : t("orders.time.editTitle")}
    >
      {entry !== null && (
        <TimeEntryForm
          orderId={orderId}
          entry={entry === "new" ? undefined : entry}
          onDone={onClose}
        />
      )}
    </FormModal>
  );
}

/** The fields of the form and the API's names for them in an update mask. */
const maskPaths = {
  userId: "user_id",
  date: "date",
  minutes: "minutes",
  description: "description",
  billable: "billable",
} as const;

function TimeEntryForm({
  orderId,
  entry,
  onDone,
}: {
  orderId: string;
  entry?: TimeEntry;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const caller = useCaller();
  const staff = useStaff();
  const create = useCreateTimeEntry();
  const update = useUpdateTimeEntry();
  const today = isoDay(new Date());
  const initial = {
    userId: entry?.userId ?? caller.userId,
    date: (entry?.date || today) as string | null,
    duration: entry && entry.minutes > 0 ? formatMinutes(entry.minutes) : "",
    description: entry?.description ?? "",
    billable: entry?.billable ?? true,
  };
  const form = useForm({
    initialValues: initial,
    validate: {
      date: (v) => (!v ? t("validation.required") : null),
      duration: (v) => (parseDuration(v) === null ? t("orders.time.durationInvalid") : null),
    },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const staffOptions = (staff.data?.members ?? []).map((m) => ({
    value: m.id,
    label: m.displayName || m.email,
  }));
  const known = (id: string, label: string) => {
    if (id && !staffOptions.some((o) => o.value === id)) staffOptions.push({ value: id, label });
  };
  known(caller.userId, caller.displayName || caller.email);
  if (entry) known(entry.userId, entry.userName);

  const submit = form.onSubmit(async (values) => {
    clearFailure();
    const fields = {
      userId: values.userId,
      date: values.date ?? "",
      minutes: parseDuration(values.duration) ?? 0,
      description: values.description.trim(),
      billable: values.billable,
    };
    try {
      if (!entry) {
        await create.mutateAsync({ orderId, ...fields });
        notifications.show({ color: "teal", message: t("orders.time.recorded") });
      } else {
        const before = {
          userId: entry.userId,
          date: entry.date,
          minutes: entry.minutes,
          description: entry.description,
          billable: entry.billable,
        };
        const paths = (Object.keys(maskPaths) as (keyof typeof maskPaths)[])
          .filter((k) => before[k] !== fields[k])
          .map((k) => maskPaths[k]);
        if (paths.length > 0) {
          await update.mutateAsync({
            timeEntry: { id: entry.id, ...fields },
            updateMask: { paths },
          });
          notifications.show({ color: "teal", message: t("orders.time.saved") });
        }
      }
      onDone();
    } catch (error) {
      showFailure(error, ["userId", "date", "duration", "description", "billable"], {
        minutes: "duration",
      });
    }
  });

  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Select
            label={t("orders.time.field.user")}
            withAsterisk
            searchable
            allowDeselect={false}
            data={staffOptions}
            nothingFoundMessage={t("search.nothingFound")}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps("userId")}
            onChange={(value) => value && form.setFieldValue("userId", value)}
          />
          <Group grow align="flex-start">
            <DateInput
              label={t("orders.time.field.date")}
              withAsterisk
              maxDate={today}
              valueFormat={locale === "de" ? "DD.MM.YYYY" : "D MMM YYYY"}
              popoverProps={{ withinPortal: true }}
              {...form.getInputProps("date")}
            />
            <TextInput
              label={t("orders.time.field.duration")}
              description={t("orders.time.field.durationHint")}
              withAsterisk
              placeholder="1:30"
              data-autofocus
              inputMode="decimal"
              {...form.getInputProps("duration")}
            />
          </Group>
          <Textarea
            label={t("orders.time.field.description")}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            {...form.getInputProps("description")}
          />
          <Checkbox
            label={t("orders.time.field.billable")}
            {...form.getInputProps("billable", { type: "checkbox" })}
          />
          <FormFooter
            failure={failure}
            onCancel={onDone}
            submit={{
              label: entry ? t("common.save") : t("orders.time.add"),
              loading: create.isPending || update.isPending,
            }}
          />
        </Stack>
      </form>
    </DatesProvider>
  );
}
