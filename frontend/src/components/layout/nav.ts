import type { Icon } from "@tabler/icons-react";
import {
  IconAffiliate,
  IconAlertOctagon,
  IconAlertTriangle,
  IconApps,
  IconBook,
  IconCalendarEvent,
  IconCertificate,
  IconChartBar,
  IconArrowBigUpLines,
  IconBox,
  IconBuildingBank,
  IconBuildingStore,
  IconCash,
  IconClipboardList,
  IconClockPlay,
  IconFileInvoice,
  IconLayersSubtract,
  IconPlugConnected,
  IconReportMoney,
  IconServer,
  IconListCheck,
  IconListSearch,
  IconMessageStar,
  IconSettings,
  IconShieldLock,
  IconStack2,
  IconReceipt2,
  IconTag,
  IconUserCheck,
  IconUsers,
  IconWebhook,
  IconDisc,
} from "@tabler/icons-react";
import type { Caller } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import type { FileRouteTypes } from "@/routeTree.gen";
import type { MessageKey } from "@/lib/i18n/i18n";

export interface NavItem {
  to: FileRouteTypes["to"];
  label: MessageKey;
  icon: Icon;
  /** Shown only to callers who hold this permission. */
  permission: Permission;
}

export interface NavGroup {
  label: MessageKey;
  items: NavItem[];
}

/**
 * The navigation of the whole panel. A section appears here once its API
 * exists; adding one is one entry (Dashboard and Billing follow with their
 * APIs).
 */
export const navigation: NavGroup[] = [
  {
    label: "nav.group.customers",
    items: [
      {
        to: "/organizations",
        label: "nav.organizations",
        icon: IconBuildingStore,
        permission: Permission.ORGANIZATIONS_READ,
      },
      {
        to: "/organizations/signups",
        label: "nav.signups",
        icon: IconUserCheck,
        permission: Permission.ORGANIZATIONS_READ,
      },
      {
        to: "/services",
        label: "nav.services",
        icon: IconStack2,
        permission: Permission.SERVICES_READ,
      },
      {
        to: "/orders",
        label: "nav.orders",
        icon: IconClipboardList,
        permission: Permission.ORDERS_READ,
      },
      {
        to: "/alerts",
        label: "nav.alerts",
        icon: IconAlertTriangle,
        permission: Permission.ALERTS_READ,
      },
      {
        to: "/catalog",
        label: "nav.catalog",
        icon: IconApps,
        permission: Permission.CATALOG_READ,
      },
      {
        to: "/catalog/offers",
        label: "nav.offers",
        icon: IconTag,
        permission: Permission.CATALOG_READ,
      },
      {
        to: "/plans",
        label: "nav.plans",
        icon: IconLayersSubtract,
        permission: Permission.PLANS_READ,
      },
      {
        to: "/invoices",
        label: "nav.invoices",
        icon: IconFileInvoice,
        permission: Permission.INVOICES_READ,
      },
      {
        to: "/payments",
        label: "nav.payments",
        icon: IconCash,
        permission: Permission.PAYMENTS_READ,
      },
      {
        to: "/accounts",
        label: "nav.accounts",
        icon: IconReportMoney,
        permission: Permission.ACCOUNTS_READ,
      },
      {
        to: "/accounts/at-risk",
        label: "nav.atRisk",
        icon: IconAlertOctagon,
        permission: Permission.ACCOUNTS_READ,
      },
      {
        to: "/accounts/upgrades",
        label: "nav.upgrades",
        icon: IconArrowBigUpLines,
        permission: Permission.ACCOUNTS_READ,
      },
      {
        to: "/accounts/partners",
        label: "nav.partners",
        icon: IconAffiliate,
        permission: Permission.ACCOUNTS_READ,
      },
      {
        to: "/usage-reports",
        label: "nav.usageReports",
        icon: IconChartBar,
        permission: Permission.USAGE_READ,
      },
    ],
  },
  {
    label: "nav.group.training",
    items: [
      {
        to: "/training",
        label: "nav.trainingSessions",
        icon: IconCalendarEvent,
        permission: Permission.TRAINING_READ,
      },
      {
        to: "/training/courses",
        label: "nav.trainingCourses",
        icon: IconBook,
        permission: Permission.TRAINING_READ,
      },
      {
        to: "/training/licences",
        label: "nav.trainingLicences",
        icon: IconCertificate,
        permission: Permission.TRAINING_READ,
      },
    ],
  },
  {
    label: "nav.group.infrastructure",
    items: [
      {
        to: "/servers",
        label: "nav.servers",
        icon: IconServer,
        permission: Permission.SERVERS_READ,
      },
      {
        to: "/containers",
        label: "nav.containers",
        icon: IconBox,
        permission: Permission.SERVERS_READ,
      },
      {
        to: "/connections",
        label: "nav.connections",
        icon: IconPlugConnected,
        permission: Permission.SERVERS_READ,
      },
    ],
  },
  {
    label: "nav.group.access",
    items: [
      {
        to: "/members",
        label: "nav.members",
        icon: IconUsers,
        permission: Permission.MEMBERS_READ,
      },
      {
        to: "/roles",
        label: "nav.roles",
        icon: IconShieldLock,
        permission: Permission.MEMBERS_READ,
      },
    ],
  },
  {
    label: "nav.group.operations",
    items: [
      {
        to: "/jobs",
        label: "nav.jobs",
        icon: IconClockPlay,
        permission: Permission.JOBS_READ,
      },
      {
        to: "/templates",
        label: "nav.templates",
        icon: IconListCheck,
        permission: Permission.ORDERS_READ,
      },
      {
        to: "/feedback",
        label: "nav.feedback",
        icon: IconMessageStar,
        permission: Permission.FEEDBACK_READ,
      },
    ],
  },
  {
    label: "nav.group.compliance",
    items: [
      {
        to: "/audit",
        label: "nav.audit",
        icon: IconListSearch,
        permission: Permission.AUDIT_READ,
      },
    ],
  },
  {
    label: "nav.group.platform",
    items: [
      {
        to: "/billing-entities",
        label: "nav.billingEntities",
        icon: IconBuildingBank,
        permission: Permission.BILLING_ENTITIES_READ,
      },
      {
        to: "/billing-entities/wholesale",
        label: "nav.wholesale",
        icon: IconReceipt2,
        permission: Permission.BILLING_ENTITIES_READ,
      },
      {
        to: "/images",
        label: "nav.images",
        icon: IconDisc,
        permission: Permission.IMAGES_READ,
      },
      {
        to: "/webhooks",
        label: "nav.webhooks",
        icon: IconWebhook,
        permission: Permission.WEBHOOKS_READ,
      },
      {
        to: "/settings",
        label: "nav.settings",
        icon: IconSettings,
        permission: Permission.SETTINGS_READ,
      },
    ],
  },
];

/** visibleNavigation keeps the items the caller may open and drops empty groups. */
export function visibleNavigation(caller: Caller): NavGroup[] {
  return navigation
    .map((group) => ({
      ...group,
      items: group.items.filter((item) => caller.permissions.includes(item.permission)),
    }))
    .filter((group) => group.items.length > 0);
}

/**
 * activeNavItem is the item of the page at pathname: the one whose address
 * is the longest start of it, so that /accounts/at-risk is At-risk, not
 * also Usage & billing.
 */
export function activeNavItem(groups: NavGroup[], pathname: string): NavItem["to"] | undefined {
  let active: NavItem["to"] | undefined;
  for (const item of groups.flatMap((group) => group.items)) {
    const matches = pathname === item.to || pathname.startsWith(`${item.to}/`);
    if (matches && (active === undefined || item.to.length > active.length)) active = item.to;
  }
  return active;
}

/** firstNavTarget is the start page: the first section the caller may open. */
export function firstNavTarget(caller: Caller): NavItem["to"] | undefined {
  return visibleNavigation(caller)[0]?.items[0]?.to;
}
