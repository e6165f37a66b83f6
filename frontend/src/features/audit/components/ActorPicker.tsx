import { Select, type ComboboxItem } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState } from "react";
import type { Member } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { useI18n } from "@/lib/i18n/i18n";
import { useActor, useActorMatches } from "../api/audit";
import { SYSTEM_ACTOR } from "../search";

const labelOf = (m: Pick<Member, "displayName" | "email">) =>
  m.displayName ? `${m.displayName} (${m.email})` : m.email;

/**
 * ActorPicker chooses whose events the audit log shows: a member, found by
 * name or e-mail address as one types (the server searches), or the system
 * itself. Its value is the member's id, or SYSTEM_ACTOR.
 */
export function ActorPicker({
  value,
  onChange,
}: {
  value: string;
  onChange: (actorId: string) => void;
}) {
  const { t } = useI18n();
  const [search, setSearch] = useState("");
  const selected = useActor(value).data?.member;
  const selectedLabel =
    value === SYSTEM_ACTOR ? t("audit.system") : selected ? labelOf(selected) : value;
  // Once an actor is chosen the box shows their label: that is no query.
  const typed = search === selectedLabel ? "" : search;
  const [query] = useDebouncedValue(typed.trim(), 250);
  const matches = useActorMatches(query);
  // Members are offered as the server's answer to what is typed now: not
  // while the answer to an earlier query is still shown, and not before the
  // typing pauses, so that no member is picked who merely was among the
  // matches of something else.
  const answered = query === typed.trim() && !matches.isPlaceholderData;
  const members = answered ? matches.data?.members : undefined;
  const systemLabel = t("audit.system");
  const { options, matched } = useMemo(() => {
    const out: ComboboxItem[] = [{ value: SYSTEM_ACTOR, label: systemLabel }];
    for (const m of members ?? []) out.push({ value: m.id, label: labelOf(m) });
    const ids = new Set(out.map((o) => o.value));
    // The chosen actor stays an option so that the box can name them.
    if (value && !ids.has(value)) out.push({ value, label: selectedLabel });
    return { options: out, matched: ids };
  }, [members, systemLabel, value, selectedLabel]);

  return (
    <Select
      label={t("audit.filter.actor")}
      placeholder={t("audit.filter.actorPlaceholder")}
      data={options}
      value={value || null}
      onChange={(id) => onChange(id ?? "")}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server matched the members already; the system is offered while
      // what was typed could name it, the chosen actor while nothing is typed.
      filter={({ options: all, search: s }) =>
        (all as ComboboxItem[]).filter((o) =>
          s === selectedLabel
            ? true
            : o.value === SYSTEM_ACTOR
              ? o.label.toLowerCase().includes(s.trim().toLowerCase())
              : matched.has(o.value),
        )
      }
      nothingFoundMessage={
        answered && !matches.isFetching
          ? t("audit.filter.actorNone")
          : t("audit.filter.actorSearching")
      }
      clearable
      comboboxProps={{ withinPortal: true }}
    />
  );
}
