import { Button, Group, MultiSelect, Select, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState, type CSSProperties, type ReactNode } from "react";
import { EmptyState } from "@/components/ui/EmptyState";
import { useI18n } from "@/lib/i18n/i18n";

interface Option {
  value: string;
  label: string;
}

/** FilterBar holds a list's search box and filters, above its table. */
export function FilterBar({
  align = "flex-end",
  children,
}: {
  align?: "flex-end" | "center";
  children: ReactNode;
}) {
  return (
    <Group mb="md" gap="sm" align={align} wrap="wrap">
      {children}
    </Group>
  );
}

/**
 * SearchInput is a list's search box. What is typed goes on (to the URL) a
 * moment after typing stops; when the search changes elsewhere (filters
 * cleared), the box follows.
 */
export function SearchInput({
  value,
  onSearch,
  placeholder,
  style,
}: {
  value: string;
  onSearch: (q: string) => void;
  placeholder: string;
  style: CSSProperties;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  const push = useDebouncedCallback(onSearch, 250);
  // Follow the search when it changes from outside (filters cleared, a link).
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  return (
    <TextInput
      aria-label={t("common.search")}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
      style={style}
      type="search"
    />
  );
}

/** FilterSelect narrows a list to one value, or none ("") once cleared. */
export function FilterSelect({
  label,
  placeholder = label,
  data,
  value,
  onChange,
  w,
  searchable,
  nothingFoundMessage,
  onDropdownOpen,
}: {
  label: string;
  placeholder?: string;
  data: Option[] | string[];
  value: string;
  onChange: (value: string) => void;
  w: number;
  searchable?: boolean;
  nothingFoundMessage?: string;
  /** Called when the options open, e.g. to load them only when wanted. */
  onDropdownOpen?: () => void;
}) {
  return (
    <Select
      aria-label={label}
      placeholder={placeholder}
      data={data}
      value={value || null}
      onChange={(next) => onChange(next ?? "")}
      clearable
      searchable={searchable}
      nothingFoundMessage={nothingFoundMessage}
      onDropdownOpen={onDropdownOpen}
      w={w}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** FilterMultiSelect narrows a list to any of the chosen values; its label shows while none is. */
export function FilterMultiSelect({
  label,
  data,
  value,
  onChange,
  style,
}: {
  label: string;
  data: Option[];
  value: string[];
  onChange: (values: string[]) => void;
  style: CSSProperties;
}) {
  return (
    <MultiSelect
      aria-label={label}
      placeholder={value.length ? undefined : label}
      data={data}
      value={value}
      onChange={onChange}
      clearable
      style={style}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/** SortSelect chooses the order of a list. */
export function SortSelect<S extends string>({
  data,
  value,
  onChange,
  w,
}: {
  data: { value: S; label: string }[];
  value: S;
  onChange: (value: S) => void;
  w: number;
}) {
  const { t } = useI18n();
  return (
    <Select
      aria-label={t("common.sortBy")}
      data={data}
      value={value}
      onChange={(next) => next && onChange(next as S)}
      allowDeselect={false}
      w={w}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/**
 * ListEmptyState is what a list without rows shows: with filters set, that
 * nothing matches and a button that clears them; otherwise that there is
 * nothing yet.
 */
export function ListEmptyState({
  icon,
  filtered,
  title,
  description,
  onClearFilters,
}: {
  icon: ReactNode;
  filtered: boolean;
  title: string;
  description?: string;
  onClearFilters: () => void;
}) {
  const { t } = useI18n();
  if (!filtered) return <EmptyState icon={icon} title={title} description={description} />;
  return (
    <EmptyState
      icon={icon}
      title={t("common.noResults")}
      action={
        <Button variant="light" size="xs" onClick={onClearFilters}>
          {t("common.clearFilters")}
        </Button>
      }
    />
  );
}
