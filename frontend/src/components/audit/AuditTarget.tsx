import { Text } from "@mantine/core";
import type { AuditEvent } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { AnchorLink } from "@/components/ui/links";
import { Permission, usePermission } from "@/lib/auth";

/**
 * AuditTarget shows the object an audit event is about by its name, linked
 * to its page where it has one and the caller may open it; an object that
 * is gone (no name) keeps its id.
 */
export function AuditTarget({ event, fz = "sm" }: { event: AuditEvent; fz?: string }) {
  const canOrgs = usePermission(Permission.ORGANIZATIONS_READ);
  const canMembers = usePermission(Permission.MEMBERS_READ);
  const canServers = usePermission(Permission.SERVERS_READ);
  const canJobs = usePermission(Permission.JOBS_READ);
  const id = event.targetId;
  const name = event.targetName;
  const text = name || id;
  const common = { fz, title: id, ff: name ? undefined : "monospace" } as const;
  // Only an object that still exists (it has a name) has a page to open.
  if (name && id.startsWith("org_") && canOrgs) {
    return (
      <AnchorLink
        to="/organizations/$organizationId"
        params={{ organizationId: id }}
        search={{ tab: "overview" }}
        {...common}
      >
        {text}
      </AnchorLink>
    );
  }
  if (name && id.startsWith("usr_") && canMembers) {
    return (
      <AnchorLink to="/members/$memberId" params={{ memberId: id }} {...common}>
        {text}
      </AnchorLink>
    );
  }
  if (name && id.startsWith("srv_") && canServers) {
    return (
      <AnchorLink to="/servers/$serverId" params={{ serverId: id }} {...common}>
        {text}
      </AnchorLink>
    );
  }
  if (name && id.startsWith("conn_") && canServers) {
    return (
      <AnchorLink to="/connections/$connectionId" params={{ connectionId: id }} {...common}>
        {text}
      </AnchorLink>
    );
  }
  if (event.targetType === "job" && id && canJobs) {
    return (
      <AnchorLink to="/jobs/$name" params={{ name: id }} {...common}>
        {text}
      </AnchorLink>
    );
  }
  return (
    <Text span {...common} style={{ overflowWrap: "anywhere" }}>
      {text}
    </Text>
  );
}
