import { Modal, Select, Stack, Text } from "@mantine/core";
import { useMemo } from "react";
import { browserTimeZone, timeZones } from "@/lib/format";
import { useI18n } from "@/lib/i18n/i18n";

/**
 * TimeZoneDialog picks the zone dates and times are shown in: the browser's
 * own (the default) or any IANA zone. The choice is kept in this browser
 * (localStorage) and applies at once.
 */
export function TimeZoneDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t, savedTimeZone, setTimeZone } = useI18n();
  const data = useMemo(
    () => [
      { value: "", label: t("timeZone.browser", { zone: browserTimeZone() }) },
      ...timeZones().map((z) => ({ value: z, label: z })),
    ],
    [t],
  );
  return (
    <Modal opened={opened} onClose={onClose} title={t("timeZone.title")}>
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {t("timeZone.help")}
        </Text>
        <Select
          label={t("timeZone.label")}
          data={data}
          value={savedTimeZone}
          searchable
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          onChange={(value) => setTimeZone(value ?? "")}
          data-autofocus
        />
      </Stack>
    </Modal>
  );
}
