import { Button, Group, Paper, Select, SimpleGrid, TextInput } from "@mantine/core";
import { DateTimePicker, DatesProvider } from "@mantine/dates";
import "dayjs/locale/de";
import "@mantine/dates/styles.layer.css";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconFilterOff } from "@tabler/icons-react";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n";
import { auditSearchDefaults, type AuditSearch } from "../search";
import { ActorPicker } from "./ActorPicker";

type TextKey = "targetType" | "targetId" | "action";

export function AuditFilters({
  search,
  onChange,
}: {
  search: AuditSearch;
  onChange: (patch: Partial<AuditSearch>) => void;
}) {
  const { t, locale } = useI18n();
  const fromUrl = {
    targetType: search.targetType,
    targetId: search.targetId,
    action: search.action,
  };
  const [draft, setDraft] = useState<Pick<AuditSearch, TextKey>>(fromUrl);
  const [seen, setSeen] = useState(JSON.stringify(fromUrl));
  const push = useDebouncedCallback((patch: Partial<AuditSearch>) => onChange(patch), 300);

  // Follow the URL when it changes from outside (a link, "clear filters").
  if (JSON.stringify(fromUrl) !== seen) {
    setSeen(JSON.stringify(fromUrl));
    setDraft(fromUrl);
  }

  const text = (key: TextKey, label: string, placeholder: string) => (
    <TextInput
      label={label}
      placeholder={placeholder}
      value={draft[key]}
      onChange={(e) => {
        const value = e.currentTarget.value;
        setDraft((d) => ({ ...d, [key]: value }));
        push({ [key]: value });
      }}
    />
  );
  // The open event is no filter.
  const active = Object.entries(auditSearchDefaults).some(
    ([key, value]) => key !== "event" && search[key as keyof AuditSearch] !== value,
  );
  const valueFormat = locale === "de" ? "DD.MM.YYYY HH:mm" : "D MMM YYYY HH:mm";

  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: 1 }}>
      <Paper withBorder p="md" mb="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
          <ActorPicker value={search.actorId} onChange={(actorId) => onChange({ actorId })} />
          {text(
            "targetType",
            t("audit.filter.targetType"),
            t("audit.filter.targetTypePlaceholder"),
          )}
          {text("targetId", t("audit.filter.targetId"), t("audit.filter.targetIdPlaceholder"))}
          {text("action", t("audit.filter.action"), t("audit.filter.actionPlaceholder"))}
          <DateTimePicker
            label={t("audit.filter.from")}
            value={search.from || null}
            onChange={(value) => onChange({ from: value ?? "" })}
            valueFormat={valueFormat}
            clearable
            popoverProps={{ withinPortal: true }}
          />
          <DateTimePicker
            label={t("audit.filter.to")}
            value={search.to || null}
            onChange={(value) => onChange({ to: value ?? "" })}
            valueFormat={valueFormat}
            clearable
            popoverProps={{ withinPortal: true }}
          />
          <Select
            label={t("audit.filter.outcome")}
            data={[
              { value: "", label: t("common.all") },
              { value: "SUCCEEDED", label: t("audit.outcome.SUCCEEDED") },
              { value: "DENIED", label: t("audit.outcome.DENIED") },
            ]}
            value={search.outcome}
            onChange={(value) => onChange({ outcome: (value ?? "") as AuditSearch["outcome"] })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Group align="flex-end">
            <Button
              variant="subtle"
              leftSection={<IconFilterOff size={16} />}
              disabled={!active}
              onClick={() => onChange({ ...auditSearchDefaults, event: search.event })}
            >
              {t("common.clearFilters")}
            </Button>
          </Group>
        </SimpleGrid>
      </Paper>
    </DatesProvider>
  );
}
