/**
 * The interface's texts, composed of the dictionaries of its areas: each
 * feature (src/features/<area>/i18n.ts), the shared components
 * (src/components/i18n.ts) and the shared code (shared.ts). A new area's
 * dictionary joins the list below; a key belongs to exactly one dictionary
 * (i18n.test.ts checks both).
 */
import { auditLabels } from "@/components/audit/i18n";
import { charts } from "@/components/charts/i18n";
import { components } from "@/components/i18n";
import { account } from "@/features/account/i18n";
import { audit } from "@/features/audit/i18n";
import { auth } from "@/features/auth/i18n";
import { catalog } from "@/features/catalog/i18n";
import { infrastructure } from "@/features/infrastructure/i18n";
import { jobs } from "@/features/jobs/i18n";
import { members } from "@/features/members/i18n";
import { overview } from "@/features/overview/i18n";
import { organizations } from "@/features/organizations/i18n";
import { roles } from "@/features/roles/i18n";
import { services } from "@/features/services/i18n";
import { settings } from "@/features/settings/i18n";
import type { Locale } from "@/lib/format";
import type { KeyOf } from "./dictionary";
import { shared } from "./shared";

/** Every area's dictionary, by area. */
export const dictionaries = {
  shared,
  components,
  auditLabels,
  charts,
  account,
  audit,
  auth,
  catalog,
  infrastructure,
  jobs,
  members,
  overview,
  organizations,
  roles,
  services,
  settings,
} as const;

/** The key of a text: a key of one of the dictionaries. */
export type MessageKey = KeyOf<(typeof dictionaries)[keyof typeof dictionaries]>;

function texts(locale: Locale): Record<MessageKey, string> {
  return Object.assign({}, ...Object.values(dictionaries).map((d) => d[locale])) as Record<
    MessageKey,
    string
  >;
}

/** The English texts, by key. */
export const en = texts("en");
/** The German texts, by key. */
export const de = texts("de");
