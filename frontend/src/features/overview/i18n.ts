import { dictionary } from "@/lib/i18n/dictionary";

/** The texts of the start page: the operations overview. */
export const overview = dictionary({
  en: {
    "overview.title": "Operations overview",
    "overview.description": "What needs attention across the platform right now.",
    "overview.showAll": "Show all",

    "overview.servers.title": "Servers by health",
    "overview.servers.total": "{count} servers in all",
    "overview.servers.open": "Open the list of {state} servers: {count}",
    "overview.health.HEALTHY": "Healthy",
    "overview.health.WARNING": "Warning",
    "overview.health.CRITICAL": "Critical",
    "overview.health.UNKNOWN": "Unknown",

    "overview.syncs.title": "Failing syncs",
    "overview.syncs.none": "Every connection synced at its last attempt.",
    "overview.syncs.failures": "{count} failed attempts in a row",
    "overview.syncs.lastSuccess": "last success",
    "overview.syncs.neverSynced": "never synced",
    "overview.syncs.servers": "{count} servers whose last sync failed",
    "overview.syncs.allConnections": "All connections",

    "overview.runs.title": "Recent failed job runs",
    "overview.runs.none": "No job run has failed recently.",
    "overview.runs.nextAttempt": "next attempt",
    "overview.runs.allFailed": "All failed runs",

    "overview.changes.title": "Recent changes",
    "overview.changes.none": "Nothing has been changed yet.",
    "overview.changes.denied": "denied",
    "overview.changes.auditLog": "Audit log",
  },
  de: {
    "overview.title": "Betriebsübersicht",
    "overview.description": "Was auf der Plattform gerade Aufmerksamkeit braucht.",
    "overview.showAll": "Alle anzeigen",

    "overview.servers.title": "Server nach Zustand",
    "overview.servers.total": "{count} Server insgesamt",
    "overview.servers.open": "Liste der Server im Zustand {state} öffnen: {count}",
    "overview.health.HEALTHY": "Gesund",
    "overview.health.WARNING": "Warnung",
    "overview.health.CRITICAL": "Kritisch",
    "overview.health.UNKNOWN": "Unbekannt",

    "overview.syncs.title": "Fehlgeschlagene Synchronisierungen",
    "overview.syncs.none": "Jede Verbindung wurde beim letzten Versuch synchronisiert.",
    "overview.syncs.failures": "{count} Fehlversuche in Folge",
    "overview.syncs.lastSuccess": "zuletzt erfolgreich",
    "overview.syncs.neverSynced": "noch nie synchronisiert",
    "overview.syncs.servers": "{count} Server, deren letzte Synchronisierung fehlschlug",
    "overview.syncs.allConnections": "Alle Verbindungen",

    "overview.runs.title": "Zuletzt fehlgeschlagene Job-Läufe",
    "overview.runs.none": "In letzter Zeit ist kein Job-Lauf fehlgeschlagen.",
    "overview.runs.nextAttempt": "nächster Versuch",
    "overview.runs.allFailed": "Alle fehlgeschlagenen Läufe",

    "overview.changes.title": "Letzte Änderungen",
    "overview.changes.none": "Bisher wurde nichts geändert.",
    "overview.changes.denied": "abgelehnt",
    "overview.changes.auditLog": "Audit-Log",
  },
});
