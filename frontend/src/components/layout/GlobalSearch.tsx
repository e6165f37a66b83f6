import { useQuery } from "@connectrpc/connect-query";
import { Badge, Group, Kbd, Loader, Text, UnstyledButton } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { Spotlight, spotlight } from "@mantine/spotlight";
import "@mantine/spotlight/styles.css";
import { IconBuildingStore, IconSearch, IconUser } from "@tabler/icons-react";
import { skipToken } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { hasPermission, useCaller } from "@/lib/auth";
import { useI18n } from "@/lib/i18n/i18n";
import { organizationStatusKey, platformRoleKey } from "@/lib/labels";
import classes from "./GlobalSearch.module.css";

/**
 * GlobalSearch finds organizations and members by name or e-mail. It opens
 * with "/" or Ctrl+K (⌘K) and searches only what the caller may read.
 */
export function GlobalSearch() {
  const { t } = useI18n();
  const caller = useCaller();
  const navigate = useNavigate();
  const [query, setQuery] = useState("");
  // The search dialog mounts right after the first paint (it is not needed
  // for it); the store opens it even before it is mounted.
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setMounted(true), 0);
    return () => window.clearTimeout(timer);
  }, []);
  const open = () => {
    setMounted(true);
    spotlight.open();
  };
  const [debounced] = useDebouncedValue(query.trim(), 200);
  const canOrgs = hasPermission(caller, Permission.ORGANIZATIONS_READ);
  const canMembers = hasPermission(caller, Permission.MEMBERS_READ);

  const orgs = useQuery(
    OrganizationService.method.listOrganizations,
    canOrgs && debounced ? { pageSize: 6, filter: { query: debounced } } : skipToken,
    { placeholderData: (previous) => previous },
  );
  const members = useQuery(
    MemberService.method.listMembers,
    canMembers && debounced ? { pageSize: 6, filter: { query: debounced } } : skipToken,
    { placeholderData: (previous) => previous },
  );

  if (!canOrgs && !canMembers) return <div />;

  const loading = orgs.isFetching || members.isFetching;
  const orgItems = debounced ? (orgs.data?.organizations ?? []) : [];
  const memberItems = debounced ? (members.data?.members ?? []) : [];

  return (
    <>
      <UnstyledButton
        className={classes.trigger}
        onClick={open}
        aria-label={t("search.button")}
        aria-keyshortcuts="/ Control+K"
      >
        <Group gap="xs" wrap="nowrap">
          <IconSearch size={16} stroke={1.8} />
          <Text fz="sm" c="dimmed" className={classes.placeholder} truncate>
            {t("search.placeholder")}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap" className={classes.keys}>
          <Kbd size="xs">/</Kbd>
        </Group>
      </UnstyledButton>

      {mounted && (
        <Spotlight.Root
          query={query}
          onQueryChange={setQuery}
          shortcut={["mod + K", "/"]}
          scrollable
          maxHeight={420}
          onSpotlightClose={() => setQuery("")}
        >
          <Spotlight.Search
            placeholder={t("search.placeholder")}
            leftSection={<IconSearch size={18} stroke={1.7} />}
            rightSection={loading ? <Loader size="xs" /> : null}
          />
          <Spotlight.ActionsList>
            {!debounced && <Spotlight.Empty>{t("search.typeToSearch")}</Spotlight.Empty>}
            {debounced && !loading && orgItems.length === 0 && memberItems.length === 0 && (
              <Spotlight.Empty>{t("search.nothingFound")}</Spotlight.Empty>
            )}
            {orgItems.length > 0 && (
              <Spotlight.ActionsGroup label={t("search.organizations")}>
                {orgItems.map((org) => (
                  <Spotlight.Action
                    key={org.id}
                    leftSection={<IconBuildingStore size={18} stroke={1.6} />}
                    label={org.name}
                    description={org.legalName || org.billingAddress?.city || org.id}
                    rightSection={
                      <Badge size="sm" color="gray">
                        {t(organizationStatusKey(org.status))}
                      </Badge>
                    }
                    onClick={() =>
                      void navigate({
                        to: "/organizations/$organizationId",
                        params: { organizationId: org.id },
                      })
                    }
                  />
                ))}
              </Spotlight.ActionsGroup>
            )}
            {memberItems.length > 0 && (
              <Spotlight.ActionsGroup label={t("search.members")}>
                {memberItems.map((member) => (
                  <Spotlight.Action
                    key={member.id}
                    leftSection={<IconUser size={18} stroke={1.6} />}
                    label={member.displayName || member.email}
                    description={member.email}
                    rightSection={
                      <Badge size="sm" color="gray">
                        {t(platformRoleKey(member.platformRole))}
                      </Badge>
                    }
                    onClick={() =>
                      void navigate({ to: "/members/$memberId", params: { memberId: member.id } })
                    }
                  />
                ))}
              </Spotlight.ActionsGroup>
            )}
          </Spotlight.ActionsList>
        </Spotlight.Root>
      )}
    </>
  );
}
