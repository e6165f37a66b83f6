import {
  Attendance,
  LicenceState,
  RegistrationStatus,
  TrainingSessionStatus,
} from "@leitstand/sdk/leitstand/admin/v1/training_service_pb.js";
import type { Tone } from "@/components/ui/Badges";

/** The states of a session, a registration and a licence by their names in the URL and the texts. */
export const sessionStatusNames = ["SCHEDULED", "COMPLETED", "CANCELLED"] as const;
export type SessionStatusName = (typeof sessionStatusNames)[number];

export const licenceStateNames = ["VALID", "EXPIRING", "EXPIRED", "REVOKED"] as const;
export type LicenceStateName = (typeof licenceStateNames)[number];

export type RegistrationStatusName = "CONFIRMED" | "WAITLISTED" | "CANCELLED";

/** The languages a course is held in. */
export const courseLanguages = ["de", "en"] as const;
export type CourseLanguage = (typeof courseLanguages)[number];

export function sessionStatusName(
  status: TrainingSessionStatus,
): SessionStatusName | "UNSPECIFIED" {
  return TrainingSessionStatus[status] as SessionStatusName | "UNSPECIFIED";
}

export function registrationStatusName(
  status: RegistrationStatus,
): RegistrationStatusName | "UNSPECIFIED" {
  return RegistrationStatus[status] as RegistrationStatusName | "UNSPECIFIED";
}

export function licenceStateName(state: LicenceState): LicenceStateName | "UNSPECIFIED" {
  return LicenceState[state] as LicenceStateName | "UNSPECIFIED";
}

export function attendanceName(attendance: Attendance): "PRESENT" | "ABSENT" | "UNSPECIFIED" {
  return Attendance[attendance] as "PRESENT" | "ABSENT" | "UNSPECIFIED";
}

export const sessionStatusTone: Record<SessionStatusName | "UNSPECIFIED", Tone> = {
  UNSPECIFIED: "unknown",
  SCHEDULED: "active",
  COMPLETED: "ok",
  CANCELLED: "neutral",
};

export const registrationStatusTone: Record<RegistrationStatusName | "UNSPECIFIED", Tone> = {
  UNSPECIFIED: "unknown",
  CONFIRMED: "ok",
  WAITLISTED: "warning",
  CANCELLED: "neutral",
};

/**
 * What a licence's state means to staff: valid is well, expiring needs a
 * new session soon, expired needs one now, revoked is a decision made.
 */
export const licenceStateTone: Record<LicenceStateName | "UNSPECIFIED", Tone> = {
  UNSPECIFIED: "unknown",
  VALID: "ok",
  EXPIRING: "warning",
  EXPIRED: "critical",
  REVOKED: "neutral",
};
