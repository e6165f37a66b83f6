import { Select, type ComboboxItem } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useI18n } from "@/lib/i18n/i18n";
import { useServerChoices, useServerName } from "../api/services";

/**
 * ServerFilter narrows the services to those with a container on a server,
 * found by name as one types (the server searches, so a fleet of any size
 * works). The servers are asked for only once the choices are opened.
 */
export function ServerFilter({
  value,
  onChange,
  w,
}: {
  value: string;
  onChange: (serverId: string) => void;
  w: number;
}) {
  const { t } = useI18n();
  const label = t("services.serverFilter");
  const [opened, setOpened] = useState(false);
  const [search, setSearch] = useState("");
  const selectedName = useServerName(value);
  // Once a server is chosen the box shows its name: that is no query.
  const typed = search === selectedName ? "" : search.trim();
  const [query] = useDebouncedValue(typed, 200);
  const servers = useServerChoices(query, opened);
  const options: ComboboxItem[] = (servers.data?.servers ?? []).map((s) => ({
    value: s.id,
    label: s.name,
  }));
  // The chosen server stays an option so that the box can name it.
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: selectedName ?? value });
  }
  return (
    <Select
      aria-label={label}
      placeholder={label}
      data={options}
      value={value || null}
      onChange={(next) => onChange(next ?? "")}
      clearable
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server matched the names already.
      filter={({ options: all }) => all}
      onDropdownOpen={() => setOpened(true)}
      nothingFoundMessage={servers.isFetching ? t("common.loading") : t("search.nothingFound")}
      w={w}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
