/**
 * The interface's texts, composed of the dictionaries of its areas: each
 * feature (src/features/<area>/i18n.ts), the shared components
 * (src/components/i18n.ts, src/components/<part>/i18n.ts) and the shared
 * code (shared.ts). A new area's dictionary joins one of the lists below; a
 * key belongs to exactly one dictionary (i18n.test.ts checks both).
 *
 * Only the frame's texts (the layout, sign-in, errors) are in the first
 * load. Every other dictionary is a chunk of its own, fetched by the routes
 * that show its texts: a route's loader awaits loadTexts(...areas) (i18n.tsx),
 * so its page never renders before its texts are there.
 */
import { components } from "@/components/i18n";
import type { KeyOf } from "./dictionary";
import { shared } from "./shared";

/** The dictionaries every page needs, loaded with the entry. */
export const shell = { shared, components } as const;

/** The other dictionaries, by area, each fetched on its first use. */
export const areas = {
  auditLabels: () => import("@/components/audit/i18n").then((m) => m.auditLabels),
  charts: () => import("@/components/charts/i18n").then((m) => m.charts),
  effects: () => import("@/components/effects/i18n").then((m) => m.effects),
  account: () => import("@/features/account/i18n").then((m) => m.account),
  accounts: () => import("@/features/accounts/i18n").then((m) => m.accounts),
  alerts: () => import("@/features/alerts/i18n").then((m) => m.alerts),
  audit: () => import("@/features/audit/i18n").then((m) => m.audit),
  auth: () => import("@/features/auth/i18n").then((m) => m.auth),
  catalog: () => import("@/features/catalog/i18n").then((m) => m.catalog),
  contracts: () => import("@/features/contracts/i18n").then((m) => m.contracts),
  feedback: () => import("@/features/feedback/i18n").then((m) => m.feedback),
  images: () => import("@/features/images/i18n").then((m) => m.images),
  invoices: () => import("@/features/invoices/i18n").then((m) => m.invoices),
  infrastructure: () => import("@/features/infrastructure/i18n").then((m) => m.infrastructure),
  jobs: () => import("@/features/jobs/i18n").then((m) => m.jobs),
  members: () => import("@/features/members/i18n").then((m) => m.members),
  orders: () => import("@/features/orders/i18n").then((m) => m.orders),
  overview: () => import("@/features/overview/i18n").then((m) => m.overview),
  payments: () => import("@/features/payments/i18n").then((m) => m.payments),
  partners: () => import("@/features/partners/i18n").then((m) => m.partners),
  organizations: () => import("@/features/organizations/i18n").then((m) => m.organizations),
  plans: () => import("@/features/plans/i18n").then((m) => m.plans),
  resellers: () => import("@/features/resellers/i18n").then((m) => m.resellers),
  roles: () => import("@/features/roles/i18n").then((m) => m.roles),
  services: () => import("@/features/services/i18n").then((m) => m.services),
  settings: () => import("@/features/settings/i18n").then((m) => m.settings),
  training: () => import("@/features/training/i18n").then((m) => m.training),
  usageReports: () => import("@/features/usagereports/i18n").then((m) => m.usageReports),
  webhooks: () => import("@/features/webhooks/i18n").then((m) => m.webhooks),
} as const;

/** The name of an area whose dictionary is fetched when first used. */
export type Area = keyof typeof areas;

type AreaDictionary = Awaited<ReturnType<(typeof areas)[Area]>>;

/**
 * The key of a text: a key of one of the dictionaries, loaded or not (the
 * types of the fetched dictionaries are known when compiling).
 */
export type MessageKey = KeyOf<(typeof shell)[keyof typeof shell] | AreaDictionary>;
