import { timestampDate } from "@bufbuild/protobuf/wkt";
import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { LogbookVisibility } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { FormFooter } from "@/components/ui/FormActions";
import { FormModal } from "@/components/ui/FormModal";
import { Section } from "@/components/ui/Section";
import { fieldPaths, useFormFailure } from "@/lib/forms";
import { useI18n } from "@/lib/i18n/i18n";
import { useAddLogbookEntry, useLogbook } from "../api/services";
import { logbookText } from "../logbook";

const filters = ["all", "CUSTOMER", "INTERNAL"] as const;
type LogbookFilter = (typeof filters)[number];

const visibilityOf: Record<LogbookFilter, LogbookVisibility> = {
  all: LogbookVisibility.UNSPECIFIED,
  CUSTOMER: LogbookVisibility.CUSTOMER,
  INTERNAL: LogbookVisibility.INTERNAL,
};

/** Logbook lists a service's logbook, newest first, by visibility, and adds entries. */
export function Logbook({ serviceId, canWrite }: { serviceId: string; canWrite: boolean }) {
  const i18n = useI18n();
  const { t, formatDateTime } = i18n;
  const [filter, setFilter] = useState<LogbookFilter>("all");
  const [adding, setAdding] = useState(false);
  const log = useLogbook(serviceId, visibilityOf[filter]);
  const entries = log.data?.pages.flatMap((p) => p.logbookEntries) ?? [];
  return (
    <Section
      title={t("services.logbook")}
      actions={
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            aria-label={t("services.logbook.visibility")}
            data={filters.map((f) => ({
              value: f,
              label: f === "all" ? t("services.logbook.all") : t(`services.logbook.${f}`),
            }))}
            value={filter}
            onChange={(v) => setFilter(v as LogbookFilter)}
          />
          {canWrite && (
            <Button size="xs" onClick={() => setAdding(true)}>
              {t("services.logbook.add")}
            </Button>
          )}
        </Group>
      }
    >
      {entries.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {log.isPending ? "…" : t("services.logbookEmpty")}
        </Text>
      ) : (
        <Stack gap="xs" data-testid="logbook">
          {entries.map((e) => {
            const worded = logbookText(i18n, e);
            const internal = e.visibility === LogbookVisibility.INTERNAL;
            return (
              <Paper
                key={e.id}
                withBorder
                p="sm"
                data-visibility={internal ? "internal" : "customer"}
              >
                <Group justify="space-between" gap="xs" mb={4}>
                  <Text fz="xs" c="dimmed">
                    {e.createTime ? formatDateTime(timestampDate(e.createTime)) : ""} ·{" "}
                    {e.authorEmail || t("services.logbook.system")}
                  </Text>
                  <Badge size="xs" variant="light" color={internal ? "gray" : "blue"}>
                    {internal ? t("services.logbook.INTERNAL") : t("services.logbook.CUSTOMER")}
                  </Badge>
                </Group>
                <Text
                  fz="sm"
                  style={{ whiteSpace: "pre-wrap" }}
                  lang={worded.english ? "en" : undefined}
                >
                  {worded.text}
                </Text>
                {worded.reason && (
                  <Text fz="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                    {worded.reason}
                  </Text>
                )}
              </Paper>
            );
          })}
          {log.hasNextPage && (
            <Button
              variant="subtle"
              size="xs"
              loading={log.isFetchingNextPage}
              onClick={() => void log.fetchNextPage()}
            >
              {t("common.loadMore")}
            </Button>
          )}
        </Stack>
      )}
      <FormModal opened={adding} onClose={() => setAdding(false)} title={t("services.logbook.add")}>
        <AddEntryForm serviceId={serviceId} onDone={() => setAdding(false)} />
      </FormModal>
    </Section>
  );
}

function AddEntryForm({ serviceId, onDone }: { serviceId: string; onDone: () => void }) {
  const { t } = useI18n();
  const add = useAddLogbookEntry();
  const form = useForm({
    initialValues: { text: "", visibility: "INTERNAL" as "CUSTOMER" | "INTERNAL" },
    validate: { text: (v) => (v.trim() === "" ? t("validation.required") : null) },
  });
  const { failure, showFailure, clearFailure } = useFormFailure(form);
  const submit = form.onSubmit(async (values) => {
    clearFailure();
    try {
      await add.mutateAsync({
        serviceInstanceId: serviceId,
        visibility: LogbookVisibility[values.visibility],
        text: values.text.trim(),
      });
      notifications.show({ color: "teal", message: t("services.logbook.added") });
      onDone();
    } catch (error) {
      showFailure(error, fieldPaths(values));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Textarea
          label={t("services.logbook.text")}
          withAsterisk
          autosize
          minRows={3}
          data-autofocus
          {...form.getInputProps("text")}
        />
        <Select
          label={t("services.logbook.visibility")}
          data={[
            { value: "INTERNAL", label: t("services.logbook.INTERNAL") },
            { value: "CUSTOMER", label: t("services.logbook.CUSTOMER") },
          ]}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          {...form.getInputProps("visibility")}
        />
        <FormFooter
          failure={failure}
          onCancel={onDone}
          submit={{ label: t("services.logbook.add"), loading: add.isPending }}
        />
      </Stack>
    </form>
  );
}
