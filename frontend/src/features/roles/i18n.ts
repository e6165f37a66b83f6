import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of the roles page.
 */
export const roles = dictionary({
  en: {
    // Roles
    "roles.title": "Roles",
    "roles.description":
      "What each platform role may do. Owners can grant single permissions on top of a role.",
    "roles.col.permission": "Permission",
    "roles.userCount.one": "{count} user",
    "roles.userCount.other": "{count} users",
    "roles.granted": "Granted",
    "roles.notGranted": "Not granted",
    "roles.matrix": "Permissions of each role",
    "roles.count.one": "{count} role",
    "roles.count.other": "{count} roles",
    "roles.count.showing": "Showing {shown} of {total} roles",
  },
  de: {
    // Roles
    "roles.title": "Rollen",
    "roles.description":
      "Was jede Plattformrolle darf. Eigentümer können einzelne Berechtigungen zusätzlich zur Rolle erteilen.",
    "roles.col.permission": "Berechtigung",
    "roles.userCount.one": "{count} Benutzer",
    "roles.userCount.other": "{count} Benutzer",
    "roles.granted": "Erteilt",
    "roles.notGranted": "Nicht erteilt",
    "roles.matrix": "Berechtigungen jeder Rolle",
    "roles.count.one": "{count} Rolle",
    "roles.count.other": "{count} Rollen",
    "roles.count.showing": "{shown} von {total} Rollen angezeigt",
  },
});
