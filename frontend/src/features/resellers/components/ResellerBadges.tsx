import { Badge, Group, Text } from "@mantine/core";
import {
  BillingEntityKind,
  BillingEntityStatus,
  type BillingEntity,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { SignUpState } from "@leitstand/sdk/leitstand/admin/v1/signup_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import { capabilityName, kindName, signUpStateName, statusName } from "../names";

export function KindBadge({ kind }: { kind: BillingEntityKind }) {
  const { t } = useI18n();
  return (
    <Badge
      variant="light"
      color={kind === BillingEntityKind.LICENSEE ? "indigo" : "gray"}
      data-kind={kindName(kind)}
    >
      {t(`resellers.kind.${kindName(kind)}`)}
    </Badge>
  );
}

export function EntityStatusBadge({ status }: { status: BillingEntityStatus }) {
  const { t } = useI18n();
  return (
    <StatusBadge
      tone={
        status === BillingEntityStatus.ACTIVE
          ? "ok"
          : status === BillingEntityStatus.SUSPENDED
            ? "critical"
            : "unknown"
      }
      data-status={statusName(status)}
    >
      {t(`resellers.status.${statusName(status)}`)}
    </StatusBadge>
  );
}

/** Capabilities lists what an entity's staff may do: every one for the licensee. */
export function Capabilities({ entity }: { entity: BillingEntity }) {
  const { t } = useI18n();
  if (entity.kind === BillingEntityKind.LICENSEE) {
    return (
      <Text span fz="sm" c="dimmed">
        {t("resellers.capabilities.all")}
      </Text>
    );
  }
  if (entity.capabilities.length === 0) {
    return (
      <Text span fz="sm" c="dimmed">
        {t("resellers.capabilities.none")}
      </Text>
    );
  }
  return (
    <Group gap={4} data-capabilities>
      {entity.capabilities.map((c) => (
        <Badge key={c} variant="outline" color="gray" size="sm" tt="none">
          {t(`resellers.capability.${capabilityName(c)}`)}
        </Badge>
      ))}
    </Group>
  );
}

export function SignUpStateBadge({ state }: { state: SignUpState }) {
  const { t } = useI18n();
  return (
    <StatusBadge
      tone={
        state === SignUpState.PENDING
          ? "warning"
          : state === SignUpState.APPROVED
            ? "ok"
            : state === SignUpState.REJECTED
              ? "neutral"
              : "unknown"
      }
      data-state={signUpStateName(state)}
    >
      {t(`signups.state.${signUpStateName(state)}`)}
    </StatusBadge>
  );
}
