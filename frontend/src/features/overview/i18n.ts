import { dictionary } from "@/lib/i18n/dictionary";

/** The texts of the start page: the dashboard. */
export const overview = dictionary({
  en: {
    "overview.title": "Dashboard",
    "overview.description": "How the business is doing, and what needs attention right now.",
    "overview.showAll": "Show all",

    "overview.figures.title": "Key figures",
    "overview.figures.organizations": "Organizations",
    "overview.figures.organizations.active": "{count, plural, other {# active}}",
    "overview.figures.organizations.pending": "{count, plural, other {# pending approval}}",
    "overview.figures.organizations.suspended": "{count, plural, other {# suspended}}",
    "overview.figures.mrr": "MRR",
    "overview.figures.mrr.hint": "Monthly recurring revenue today, net of VAT",
    "overview.figures.mrr.change": "{change} since {day}",
    "overview.figures.mrr.changeHint": "{amount} against the MRR on that day",
    "overview.figures.mrr.paying":
      "{count, plural, one {# paying organization} other {# paying organizations}}",
    "overview.figures.services": "Active services",
    "overview.figures.services.attention":
      "{count, plural, one {# needs attention} other {# need attention}}",
    "overview.figures.orders": "Open orders",
    "overview.figures.orders.waiting": "{count, plural, other {# waiting for staff}}",
    "overview.figures.alerts": "Open alerts",
    "overview.figures.alerts.unacknowledged": "{count, plural, other {# unacknowledged}}",

    "overview.revenue.title": "Revenue",
    "overview.revenue.invoices": "Invoices",
    "overview.revenue.total": "invoiced (net) in the last 12 months",
    "overview.revenue.invoiced": "Invoiced (net)",
    "overview.revenue.mrr": "MRR",
    "overview.revenue.chart": "Invoiced revenue and MRR per month over the last 12 months",
    "overview.revenue.explain":
      "The bars are each month's invoices, net of VAT (cancellations subtract); the line is the MRR on the month's first day, this month's today.",
    "overview.revenue.none": "No revenue in the last 12 months.",

    "overview.customers.title": "Top customers",
    "overview.customers.period": "Invoiced in the last 12 months",
    "overview.customers.organization": "Organization",
    "overview.customers.invoiced": "Invoiced",
    "overview.customers.mrr": "MRR",
    "overview.customers.none": "No organization was invoiced in the last 12 months.",

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
    "overview.title": "Dashboard",
    "overview.description": "Wie das Geschäft läuft und was gerade Aufmerksamkeit braucht.",
    "overview.showAll": "Alle anzeigen",

    "overview.figures.title": "Kennzahlen",
    "overview.figures.organizations": "Organisationen",
    "overview.figures.organizations.active": "{count, plural, other {# aktiv}}",
    "overview.figures.organizations.pending":
      "{count, plural, one {# wartet auf Freigabe} other {# warten auf Freigabe}}",
    "overview.figures.organizations.suspended": "{count, plural, other {# gesperrt}}",
    "overview.figures.mrr": "MRR",
    "overview.figures.mrr.hint": "Monatlich wiederkehrender Umsatz heute, netto",
    "overview.figures.mrr.change": "{change} seit {day}",
    "overview.figures.mrr.changeHint": "{amount} gegenüber dem MRR an diesem Tag",
    "overview.figures.mrr.paying":
      "{count, plural, one {# zahlende Organisation} other {# zahlende Organisationen}}",
    "overview.figures.services": "Aktive Services",
    "overview.figures.services.attention":
      "{count, plural, one {# braucht Aufmerksamkeit} other {# brauchen Aufmerksamkeit}}",
    "overview.figures.orders": "Offene Aufträge",
    "overview.figures.orders.waiting":
      "{count, plural, one {# wartet auf das Team} other {# warten auf das Team}}",
    "overview.figures.alerts": "Offene Meldungen",
    "overview.figures.alerts.unacknowledged": "{count, plural, other {# noch nicht gesehen}}",

    "overview.revenue.title": "Umsatz",
    "overview.revenue.invoices": "Rechnungen",
    "overview.revenue.total": "in den letzten 12 Monaten berechnet (netto)",
    "overview.revenue.invoiced": "Berechnet (netto)",
    "overview.revenue.mrr": "MRR",
    "overview.revenue.chart": "Berechneter Umsatz und MRR je Monat in den letzten 12 Monaten",
    "overview.revenue.explain":
      "Die Balken sind die Rechnungen jedes Monats, netto (Stornorechnungen ziehen ab); die Linie ist der MRR am Monatsersten, im laufenden Monat der von heute.",
    "overview.revenue.none": "Kein Umsatz in den letzten 12 Monaten.",

    "overview.customers.title": "Top-Kunden",
    "overview.customers.period": "Berechnet in den letzten 12 Monaten",
    "overview.customers.organization": "Organisation",
    "overview.customers.invoiced": "Berechnet",
    "overview.customers.mrr": "MRR",
    "overview.customers.none":
      "Keine Organisation erhielt in den letzten 12 Monaten eine Rechnung.",

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
