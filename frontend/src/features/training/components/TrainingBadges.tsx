import type {
  LicenceState,
  Registration,
  TrainingSessionStatus,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import { StatusBadge } from "@/components/ui/Badges";
import { useI18n } from "@/lib/i18n/i18n";
import {
  licenceStateName,
  licenceStateTone,
  registrationStatusName,
  registrationStatusTone,
  sessionStatusName,
  sessionStatusTone,
} from "../names";

/** SessionStatusBadge shows where a session stands. */
export function SessionStatusBadge({ status }: { status: TrainingSessionStatus }) {
  const { t } = useI18n();
  const name = sessionStatusName(status);
  return (
    <StatusBadge tone={sessionStatusTone[name]} data-status={name}>
      {t(`training.sessionStatus.${name}`)}
    </StatusBadge>
  );
}

/** RegistrationBadge shows where a registration stands, a waitlisted one with its place in line. */
export function RegistrationBadge({ registration }: { registration: Registration }) {
  const { t } = useI18n();
  const name = registrationStatusName(registration.status);
  return (
    <StatusBadge tone={registrationStatusTone[name]} data-status={name}>
      {name === "WAITLISTED"
        ? t("training.registration.waitlistedAt", { position: registration.waitlistPosition })
        : t(`training.registrationStatus.${name}`)}
    </StatusBadge>
  );
}

/** LicenceStateBadge shows what a licence is worth today. */
export function LicenceStateBadge({ state }: { state: LicenceState }) {
  const { t } = useI18n();
  const name = licenceStateName(state);
  return (
    <StatusBadge tone={licenceStateTone[name]} data-state={name}>
      {t(`training.licenceState.${name}`)}
    </StatusBadge>
  );
}
