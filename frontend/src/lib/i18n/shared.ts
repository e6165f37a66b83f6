import { dictionary } from "./dictionary";

/**
 * The texts of the shared code (src/lib): the words every area uses, errors,
 * validation messages and the names of roles, permissions and statuses. A
 * text used by more than one area lives here.
 */
export const shared = dictionary({
  en: {
    "app.name": "Leitstand",
    "app.tagline": "Control plane for hosting platforms",

    // Common
    "common.cancel": "Cancel",
    "common.save": "Save changes",
    "common.create": "Create",
    "common.close": "Close",
    "common.confirm": "Confirm",
    "common.edit": "Edit",
    "common.loadMore": "Load more",
    "common.loading": "Loading…",
    "common.retry": "Try again",
    "common.search": "Search",
    "common.actions": "Actions",
    "common.none": "None",
    "common.never": "Never",
    "common.yes": "Yes",
    "common.no": "No",
    "common.all": "All",
    "common.copy": "Copy",
    "common.copied": "Copied",
    "common.reason": "Reason",
    "common.reasonPlaceholder": "Why is this change made? It is kept in the audit trail.",
    "common.reasonOptional": "Reason (optional)",
    "common.showing": "Showing {shown} of {total}",
    "common.showingCount": "{shown} shown",
    "table.export": "Export CSV",
    "table.moreActions": "More actions",
    "table.pager": "Pages",
    "table.previous": "Previous",
    "table.next": "Next",
    "table.range": "{first}–{last} of {total}",
    "common.noResults": "Nothing matches these filters.",
    "common.clearFilters": "Clear filters",
    "common.back": "Back",
    "common.id": "ID",
    "common.created": "Created",
    "common.updated": "Updated",
    "common.saved": "Changes saved",
    "common.sortBy": "Sort by",
    "common.filters": "Filters",
    "common.language": "Language",
    "common.theme": "Theme",
    "timeZone.label": "Time zone",
    "timeZone.title": "Display time zone",
    "timeZone.help":
      "Dates and times are shown in this zone. The choice is kept in this browser only.",
    "timeZone.browser": "This browser's ({zone})",
    "common.optional": "optional",

    // Sign-in
    "auth.signIn.throttled": "Too many attempts. Please wait a moment and try again.",

    // Second factor
    "secondFactor.codeWrong": "The code is wrong or was used already. Please try again.",

    // Organizations
    "orgs.status.PENDING_APPROVAL": "Pending approval",
    "orgs.status.ACTIVE": "Active",
    "orgs.status.SUSPENDED": "Suspended",
    "orgs.status.CLOSED": "Closed",
    "orgs.role.OWNER": "Owner",
    "orgs.role.ADMIN": "Admin",
    "orgs.role.MEMBER": "Member",

    // Members
    "members.col.name": "Name",

    // Roles and permissions
    "role.OWNER": "Owner",
    "role.OPERATOR": "Operator",
    "role.DEVELOPER": "Developer",
    "role.USER": "User",
    "role.UNSPECIFIED": "Unknown",
    "permission.ORGANIZATIONS_READ": "Read organizations",
    "permission.ORGANIZATIONS_WRITE": "Change organizations",
    "permission.MEMBERS_READ": "Read members",
    "permission.MEMBERS_WRITE": "Disable and enable members",
    "permission.PLATFORM_ROLES_MANAGE": "Assign platform roles",
    "permission.PERMISSIONS_MANAGE": "Grant permissions",
    "permission.AUDIT_READ": "Read the audit log",
    "permission.API_TOKENS_MANAGE": "Manage own API tokens",
    "permission.JOBS_READ": "Read jobs",
    "permission.JOBS_TRIGGER": "Run jobs now",
    "permission.SETTINGS_READ": "Read settings",
    "permission.SETTINGS_WRITE": "Change settings",
    "permission.SERVERS_READ": "Read servers",
    "permission.SERVERS_WRITE": "Change servers",
    "permission.CONNECTIONS_MANAGE": "Manage connections",
    "permission.CONTAINERS_CONTROL": "Start and stop containers",
    "permission.CATALOG_READ": "Read the catalog",
    "permission.CATALOG_WRITE": "Change the catalog",
    "permission.SERVICES_READ": "Read services",
    "permission.SERVICES_WRITE": "Manage services",
    "permission.SERVICES_REVEAL_CREDENTIALS": "Reveal service credentials",
    "permission.ORDERS_READ": "View orders",
    "permission.ORDERS_WRITE": "Manage orders",
    "permission.ALERTS_READ": "View alerts",
    "permission.ALERTS_WRITE": "Handle alerts",
    "permission.FEEDBACK_READ": "View feedback",
    "permission.FEEDBACK_REVIEW": "Review feedback",
    "permission.PLANS_READ": "View plans",
    "permission.PLANS_WRITE": "Manage plans",
    "permission.CONTRACTS_READ": "View contracts",
    "permission.CONTRACTS_WRITE": "Manage contracts",
    "permission.INVOICES_READ": "View invoices",
    "permission.INVOICES_WRITE": "Issue and cancel invoices",
    "permission.USAGE_READ": "View usage",
    "permission.USAGE_REPORT": "Report usage",
    "permission.PAYMENTS_READ": "View payments",
    "permission.PAYMENTS_WRITE": "Record and refund payments",
    "permission.ACCOUNTS_READ": "See the accounts' usage and billing",
    "permission.TIERS_CHANGE": "Change tiers",
    "permission.ACCOUNTS_WRITE": "Act on accounts",
    "permission.TRAINING_READ": "View trainings",
    "permission.TRAINING_WRITE": "Run trainings",
    "permission.BILLING_ENTITIES_READ": "View billing entities",
    "permission.BILLING_ENTITIES_MANAGE": "Manage resellers",
    "permission.WEBHOOKS_READ": "View webhooks",
    "permission.WEBHOOKS_MANAGE": "Manage webhooks",
    "permission.IMAGES_READ": "View images",
    "permission.IMAGES_MANAGE": "Manage images",
    "permission.UNSPECIFIED": "Unknown permission",
    "permissionHelp.ORGANIZATIONS_READ": "See organizations, their workspaces and members.",
    "permissionHelp.ORGANIZATIONS_WRITE":
      "Create and change organizations, workspaces and organization memberships.",
    "permissionHelp.MEMBERS_READ": "See the platform's users, their roles and activity.",
    "permissionHelp.MEMBERS_WRITE": "Disable and enable users' sign-in.",
    "permissionHelp.PLATFORM_ROLES_MANAGE": "Change a user's platform role.",
    "permissionHelp.PERMISSIONS_MANAGE": "Grant and revoke single permissions on top of a role.",
    "permissionHelp.AUDIT_READ": "Read the audit trail: who changed what, when and why.",
    "permissionHelp.API_TOKENS_MANAGE": "Create, list and revoke one's own API tokens.",
    "permissionHelp.JOBS_READ": "See the background jobs, their schedules and run history.",
    "permissionHelp.JOBS_TRIGGER": "Run a background job now, outside its schedule.",
    "permissionHelp.SETTINGS_READ": "See the company, tax, bank and invoice details.",
    "permissionHelp.SETTINGS_WRITE": "Change the company, tax, bank and invoice details.",
    "permissionHelp.SERVERS_READ":
      "See servers, their metrics, events and containers, and the provider connections (never their credentials).",
    "permissionHelp.SERVERS_WRITE":
      "Create, change, assign and delete servers; change the health thresholds.",
    "permissionHelp.CONNECTIONS_MANAGE":
      "Create, test, change and delete provider connections and their datasources; import servers.",
    "permissionHelp.CONTAINERS_CONTROL": "Start, stop and restart containers.",
    "permissionHelp.CATALOG_READ": "See the service catalog: items, prices, icons.",
    "permissionHelp.CATALOG_WRITE": "Create, change and retire catalog items; upload their icons.",
    "permissionHelp.SERVICES_READ": "See booked services, their status history, notes and logbook.",
    "permissionHelp.SERVICES_WRITE":
      "Book services; change their name, price and notes; set their status; schedule decommissions; write to the logbook.",
    "permissionHelp.SERVICES_REVEAL_CREDENTIALS":
      "Show the values of services' credentials, with a reason; each reveal is audited and written to the internal logbook.",
    "permissionHelp.ORDERS_READ": "See orders across organizations, with their comments.",
    "permissionHelp.ORDERS_WRITE":
      "Open orders; change and assign them; move their status; comment on them.",
    "permissionHelp.ALERTS_READ":
      "See the problems customers reported, and the labels they choose from.",
    "permissionHelp.ALERTS_WRITE":
      "Record, acknowledge and resolve alerts; turn them into orders; extend the labels.",
    "permissionHelp.FEEDBACK_READ": "Read what users think of the product.",
    "permissionHelp.FEEDBACK_REVIEW": "Mark feedback reviewed, with a note.",
    "permissionHelp.PLANS_READ": "See the plans with their terms and the versions of their terms.",
    "permissionHelp.PLANS_WRITE":
      "Create, change and retire plans; a change of terms makes a new version.",
    "permissionHelp.CONTRACTS_READ":
      "See the organizations' contracts: plan, custom terms, scheduled plan changes and history.",
    "permissionHelp.CONTRACTS_WRITE": "Set custom terms, and schedule and cancel plan changes.",
    "permissionHelp.INVOICES_READ":
      "See invoices with their lines and PDFs, and preview invoices and the billing run.",
    "permissionHelp.INVOICES_WRITE":
      "Issue manual invoices, cancel invoices with a cancellation invoice, bill an organization now.",
    "permissionHelp.USAGE_READ":
      "See the organizations' storage and traffic: daily snapshots and summaries of a period.",
    "permissionHelp.USAGE_REPORT":
      "Report storage and traffic measured by other systems; meant for their API tokens.",
    "permissionHelp.PAYMENTS_READ":
      "See payments with their status and the organizations' open amounts and credit.",
    "permissionHelp.PAYMENTS_WRITE":
      "Record bank transfers and manual payments against invoices, refund and reverse payments.",
    "permissionHelp.ACCOUNTS_READ":
      "See every account's usage against its caps, what it was invoiced, paid and will pay, its revenue class and its admins' contacts.",
    "permissionHelp.TIERS_CHANGE":
      "Move an organization to another plan on a billing date, or cancel such a move: it changes what the customer pays and may do.",
    "permissionHelp.ACCOUNTS_WRITE":
      "Act on accounts from the rollup: grant and cancel reverse trials.",
    "permissionHelp.TRAINING_READ":
      "See the training courses, their sessions with rosters, and the licences and certificates they granted.",
    "permissionHelp.TRAINING_WRITE":
      "Change the course catalogue, schedule, move, cancel and complete sessions, register attendees and mark attendance, revoke licences.",
    "permissionHelp.BILLING_ENTITIES_READ":
      "See the licensee and the resellers, their capabilities, sign-up options and staff.",
    "permissionHelp.BILLING_ENTITIES_MANAGE":
      "Create, change, suspend and resume resellers, grant their capabilities and add their staff.",
    "permissionHelp.WEBHOOKS_READ":
      "See the webhook endpoints and the log of their deliveries with the receivers' answers.",
    "permissionHelp.WEBHOOKS_MANAGE":
      "Create, change, pause and delete webhook endpoints, rotate their signing secrets, send test events and replay deliveries.",
    "permissionHelp.IMAGES_READ":
      "See the operating-system and application images: all of them for the licensee's staff, a reseller's own and those shared with it.",
    "permissionHelp.IMAGES_MANAGE":
      "Create, change and delete images; the licensee's staff also share them with billing entities.",
    "permissionHelp.UNSPECIFIED": "A permission this panel does not know yet.",

    // Audit log
    "audit.outcome.SUCCEEDED": "Succeeded",
    "audit.outcome.DENIED": "Denied",
    "audit.showEvents": "Show in audit log",

    // Schedules (cron expressions in words)
    "schedule.everyMinute": "Every minute",
    "schedule.hourly": "Every hour at :{minute} ({zone})",
    "schedule.daily": "Daily at {time} {zone}",
    "schedule.weekly": "{weekday} at {time} {zone}",
    "schedule.monthly": "{day} of the month at {time} {zone}",
    "schedule.weekday.0": "Sundays",
    "schedule.weekday.1": "Mondays",
    "schedule.weekday.2": "Tuesdays",
    "schedule.weekday.3": "Wednesdays",
    "schedule.weekday.4": "Thursdays",
    "schedule.weekday.5": "Fridays",
    "schedule.weekday.6": "Saturdays",

    // Errors
    "discard.title": "Discard your entries?",
    "discard.body": "What you entered in this dialog is not saved and will be lost.",
    "discard.keep": "Keep editing",
    "discard.confirm": "Discard",
    "error.title": "Something went wrong",
    "error.generic": "The request failed. Please try again.",
    "error.network": "The server cannot be reached. Check your connection and try again.",
    "error.permissionDenied": "You do not have permission to do that.",
    "error.notFound": "Not found.",
    "error.invalidForm": "Please correct the marked fields.",
    "error.pageNotFound": "This page does not exist.",
    "error.pageNotFound.title": "Page not found",
    "error.toStart": "Go to the start page",
    "error.secondFactor.confirm": "This change needs a fresh code from your authenticator app.",
    "error.secondFactor.enroll": "Set up a second factor (an authenticator app) first.",

    // Validation messages by protovalidate rule
    "validation.required": "This field is required.",
    "validation.reasonRequired": "Please give a reason.",
    "validation.minLen": "Must be at least {min} characters long.",
    "validation.maxLen": "Must be at most {max} characters long.",
    "validation.email": "Enter a valid e-mail address.",
    "validation.pattern": "The format is not valid.",
    "validation.pattern.vatId": "Enter a VAT ID like DE123456789.",
    "validation.pattern.countryCode": "Enter a two-letter country code in capitals, e.g. DE.",
    "validation.in": "This value is not allowed.",
    "validation.enum": "Choose a value.",
    "validation.future": "Must lie in the future.",
    "validation.timeRange": "The end must be after the start.",
    "validation.notBeforeToday": "Choose today or a later day.",
    "validation.notAfterToday": "Choose today or an earlier day.",
    "validation.amountLeft": "More than is left of the payment to refund.",
    "validation.dunningIncreasing": "Each level must come later than the one before.",
    "validation.endBeforeStart": "The last day must not be before the first.",
    "validation.endAfterEnd":
      "Choose a day up to its current last day; a later one would extend it.",
    "validation.iban.format":
      "Enter an IBAN: a country code, two check digits and the account number.",
    "validation.iban.length": "An IBAN from {country} has {length} characters.",
    "validation.iban.checksum": "The check digits do not match. Please look for a typo.",
    "validation.iban.invalid":
      "This is not a valid IBAN. Please check the country code, the length and the check digits.",
    "validation.vatId.invalid": "This is not a valid VAT ID for its country.",
    "validation.leitwegId.required": "A public authority needs its Leitweg-ID here.",
    "validation.leitwegId.invalid":
      "This is not a valid Leitweg-ID. Please check it, its check digits in particular.",
    "validation.taxNumber":
      "Enter the tax number as the tax office writes it, e.g. 143/123/45678, or with 10 to 13 digits.",
    "validation.bic": "Enter a BIC of 8 or 11 letters and digits, e.g. COBADEFFXXX.",
    "validation.image.type": "The file is not an image of an accepted type.",
    "validation.image.size": "The file is too large.",
    "validation.image.dimensions": "The image has too many pixels.",
    "validation.image.printable":
      "Invoices cannot print this image. Save it as a PNG without interlacing or as a JPEG.",
    "validation.vatId.de": "A German VAT ID is DE followed by 9 digits.",
    "validation.numberPrefix": "Use at most 12 letters, digits and dashes.",
    "validation.range": "Enter a number from {min} to {max}.",
    "validation.url": "Enter a full web address, e.g. https://example.com.",
    "validation.ip": "Enter an IPv4 or IPv6 address, e.g. 203.0.113.10.",
    "validation.parentCycle": "A server cannot run on itself or on a server that runs on it.",
    "validation.appCode": "Enter the 6 digits your authenticator app shows.",
    "validation.recoveryCode": "Enter a recovery code as you saved it, e.g. abcde-fghij.",
    "validation.invalid": "This value is not valid.",
    "validation.min": "Must be at least {min}.",
    "validation.max": "Must be at most {max}.",
    "validation.maxItems": "Choose at most {max}.",
    "validation.unique": "Each value may appear only once.",
    "validation.id": "This is not a valid identifier.",
    "validation.parentMissing": "The server it runs on does not exist.",
    "validation.workspaceOrganization": "The workspace does not belong to this organization.",
    "validation.adminMember": "The workspace admin must be a member of the organization.",
    "validation.externalUnknown": "The connection does not report this machine.",
    "validation.endpointScheme": "This provider's endpoint needs another scheme (e.g. https://).",
    "validation.endpointDestination": "Leitstand may not connect to this address.",
    "validation.credentialsReenter":
      "Enter the credentials again: stored credentials are only sent where they were entered for.",
  },
  de: {
    "app.name": "Leitstand",
    "app.tagline": "Leitstelle für Hosting-Plattformen",

    // Common
    "common.cancel": "Abbrechen",
    "common.save": "Änderungen speichern",
    "common.create": "Anlegen",
    "common.close": "Schließen",
    "common.confirm": "Bestätigen",
    "common.edit": "Bearbeiten",
    "common.loadMore": "Mehr laden",
    "common.loading": "Wird geladen…",
    "common.retry": "Erneut versuchen",
    "common.search": "Suchen",
    "common.actions": "Aktionen",
    "common.none": "Keine",
    "common.never": "Nie",
    "common.yes": "Ja",
    "common.no": "Nein",
    "common.all": "Alle",
    "common.copy": "Kopieren",
    "common.copied": "Kopiert",
    "common.reason": "Begründung",
    "common.reasonPlaceholder": "Warum wird das geändert? Die Begründung steht im Audit-Log.",
    "common.reasonOptional": "Begründung (optional)",
    "common.showing": "{shown} von {total} angezeigt",
    "common.showingCount": "{shown} angezeigt",
    "table.export": "CSV exportieren",
    "table.moreActions": "Weitere Aktionen",
    "table.pager": "Seiten",
    "table.previous": "Zurück",
    "table.next": "Weiter",
    "table.range": "{first}–{last} von {total}",
    "common.noResults": "Nichts passt zu diesen Filtern.",
    "common.clearFilters": "Filter zurücksetzen",
    "common.back": "Zurück",
    "common.id": "ID",
    "common.created": "Angelegt",
    "common.updated": "Geändert",
    "common.saved": "Änderungen gespeichert",
    "common.sortBy": "Sortieren nach",
    "common.filters": "Filter",
    "common.language": "Sprache",
    "common.theme": "Darstellung",
    "timeZone.label": "Zeitzone",
    "timeZone.title": "Angezeigte Zeitzone",
    "timeZone.help":
      "Datum und Uhrzeit werden in dieser Zone angezeigt. Die Wahl gilt nur in diesem Browser.",
    "timeZone.browser": "Die des Browsers ({zone})",
    "common.optional": "optional",

    // Sign-in
    "auth.signIn.throttled": "Zu viele Versuche. Bitte warten Sie einen Moment.",

    // Second factor
    "secondFactor.codeWrong":
      "Der Code ist falsch oder wurde schon verwendet. Bitte versuchen Sie es erneut.",

    // Organizations
    "orgs.status.PENDING_APPROVAL": "Wartet auf Freigabe",
    "orgs.status.ACTIVE": "Aktiv",
    "orgs.status.SUSPENDED": "Gesperrt",
    "orgs.status.CLOSED": "Geschlossen",
    "orgs.role.OWNER": "Eigentümer",
    "orgs.role.ADMIN": "Admin",
    "orgs.role.MEMBER": "Mitglied",

    // Members
    "members.col.name": "Name",

    // Roles and permissions
    "role.OWNER": "Eigentümer",
    "role.OPERATOR": "Betrieb",
    "role.DEVELOPER": "Entwickler",
    "role.USER": "Benutzer",
    "role.UNSPECIFIED": "Unbekannt",
    "permission.ORGANIZATIONS_READ": "Organisationen lesen",
    "permission.ORGANIZATIONS_WRITE": "Organisationen ändern",
    "permission.MEMBERS_READ": "Mitglieder lesen",
    "permission.MEMBERS_WRITE": "Mitglieder sperren und entsperren",
    "permission.PLATFORM_ROLES_MANAGE": "Plattformrollen vergeben",
    "permission.PERMISSIONS_MANAGE": "Berechtigungen erteilen",
    "permission.AUDIT_READ": "Audit-Log lesen",
    "permission.API_TOKENS_MANAGE": "Eigene API-Tokens verwalten",
    "permission.JOBS_READ": "Jobs lesen",
    "permission.JOBS_TRIGGER": "Jobs sofort ausführen",
    "permission.SETTINGS_READ": "Einstellungen lesen",
    "permission.SETTINGS_WRITE": "Einstellungen ändern",
    "permission.SERVERS_READ": "Server lesen",
    "permission.SERVERS_WRITE": "Server ändern",
    "permission.CONNECTIONS_MANAGE": "Verbindungen verwalten",
    "permission.CONTAINERS_CONTROL": "Container starten und stoppen",
    "permission.CATALOG_READ": "Katalog lesen",
    "permission.CATALOG_WRITE": "Katalog ändern",
    "permission.SERVICES_READ": "Services lesen",
    "permission.SERVICES_WRITE": "Services verwalten",
    "permission.SERVICES_REVEAL_CREDENTIALS": "Zugangsdaten von Services anzeigen",
    "permission.ORDERS_READ": "Aufträge ansehen",
    "permission.ORDERS_WRITE": "Aufträge verwalten",
    "permission.ALERTS_READ": "Meldungen ansehen",
    "permission.ALERTS_WRITE": "Meldungen bearbeiten",
    "permission.FEEDBACK_READ": "Feedback ansehen",
    "permission.FEEDBACK_REVIEW": "Feedback sichten",
    "permission.PLANS_READ": "Tarife ansehen",
    "permission.PLANS_WRITE": "Tarife verwalten",
    "permission.CONTRACTS_READ": "Verträge ansehen",
    "permission.CONTRACTS_WRITE": "Verträge verwalten",
    "permission.INVOICES_READ": "Rechnungen ansehen",
    "permission.INVOICES_WRITE": "Rechnungen stellen und stornieren",
    "permission.USAGE_READ": "Verbrauch ansehen",
    "permission.USAGE_REPORT": "Verbrauch melden",
    "permission.PAYMENTS_READ": "Zahlungen ansehen",
    "permission.PAYMENTS_WRITE": "Zahlungen erfassen und erstatten",
    "permission.ACCOUNTS_READ": "Nutzung und Abrechnung der Konten sehen",
    "permission.TIERS_CHANGE": "Pakete wechseln",
    "permission.ACCOUNTS_WRITE": "Konten bearbeiten",
    "permission.TRAINING_READ": "Schulungen ansehen",
    "permission.TRAINING_WRITE": "Schulungen durchführen",
    "permission.BILLING_ENTITIES_READ": "Abrechnungseinheiten ansehen",
    "permission.BILLING_ENTITIES_MANAGE": "Wiederverkäufer verwalten",
    "permission.WEBHOOKS_READ": "Webhooks ansehen",
    "permission.WEBHOOKS_MANAGE": "Webhooks verwalten",
    "permission.IMAGES_READ": "Images ansehen",
    "permission.IMAGES_MANAGE": "Images verwalten",
    "permission.UNSPECIFIED": "Unbekannte Berechtigung",
    "permissionHelp.ORGANIZATIONS_READ": "Organisationen, ihre Workspaces und Mitglieder sehen.",
    "permissionHelp.ORGANIZATIONS_WRITE":
      "Organisationen, Workspaces und Mitgliedschaften in Organisationen anlegen und ändern.",
    "permissionHelp.MEMBERS_READ": "Die Benutzer der Plattform, ihre Rollen und Aktivität sehen.",
    "permissionHelp.MEMBERS_WRITE": "Die Anmeldung von Benutzern sperren und wieder erlauben.",
    "permissionHelp.PLATFORM_ROLES_MANAGE": "Die Plattformrolle eines Benutzers ändern.",
    "permissionHelp.PERMISSIONS_MANAGE":
      "Einzelne Berechtigungen zusätzlich zur Rolle erteilen und entziehen.",
    "permissionHelp.AUDIT_READ": "Das Audit-Log lesen: wer was wann und warum geändert hat.",
    "permissionHelp.API_TOKENS_MANAGE": "Eigene API-Tokens anlegen, auflisten und widerrufen.",
    "permissionHelp.JOBS_READ": "Die Hintergrund-Jobs, ihre Zeitpläne und Läufe sehen.",
    "permissionHelp.JOBS_TRIGGER":
      "Einen Hintergrund-Job sofort ausführen, außerhalb seines Zeitplans.",
    "permissionHelp.SETTINGS_READ": "Die Firmen-, Steuer-, Bank- und Rechnungsangaben sehen.",
    "permissionHelp.SETTINGS_WRITE": "Die Firmen-, Steuer-, Bank- und Rechnungsangaben ändern.",
    "permissionHelp.SERVERS_READ":
      "Server, ihre Metriken, Ereignisse und Container sowie die Verbindungen zu Anbietern sehen (nie deren Zugangsdaten).",
    "permissionHelp.SERVERS_WRITE":
      "Server anlegen, ändern, zuordnen und löschen; die Schwellwerte für den Zustand ändern.",
    "permissionHelp.CONNECTIONS_MANAGE":
      "Verbindungen zu Anbietern und ihre Datenquellen anlegen, testen, ändern und löschen; Server importieren.",
    "permissionHelp.CONTAINERS_CONTROL": "Container starten, stoppen und neu starten.",
    "permissionHelp.CATALOG_READ": "Den Servicekatalog sehen: Einträge, Preise, Icons.",
    "permissionHelp.CATALOG_WRITE":
      "Katalogeinträge anlegen, ändern und einstellen; ihre Icons hochladen.",
    "permissionHelp.SERVICES_READ":
      "Gebuchte Services sehen, ihren Statusverlauf, ihre Notizen und ihr Logbuch.",
    "permissionHelp.SERVICES_WRITE":
      "Services buchen; Name, Preis und Notizen ändern; Status setzen; Stilllegungen planen; ins Logbuch schreiben.",
    "permissionHelp.SERVICES_REVEAL_CREDENTIALS":
      "Die Werte der Zugangsdaten von Services mit Begründung anzeigen; jede Anzeige wird protokolliert und ins interne Logbuch geschrieben.",
    "permissionHelp.ORDERS_READ": "Aufträge aller Organisationen mit ihren Kommentaren ansehen.",
    "permissionHelp.ORDERS_WRITE":
      "Aufträge anlegen, ändern und zuweisen; ihren Status setzen; sie kommentieren.",
    "permissionHelp.ALERTS_READ":
      "Die von Kunden gemeldeten Probleme und die wählbaren Kategorien ansehen.",
    "permissionHelp.ALERTS_WRITE":
      "Meldungen erfassen, bestätigen und lösen; daraus Aufträge machen; Kategorien ergänzen.",
    "permissionHelp.FEEDBACK_READ": "Lesen, was Nutzer vom Produkt halten.",
    "permissionHelp.FEEDBACK_REVIEW": "Feedback als gesichtet markieren, mit einer Notiz.",
    "permissionHelp.PLANS_READ": "Die Tarife mit ihren Konditionen und deren Versionen sehen.",
    "permissionHelp.PLANS_WRITE":
      "Tarife anlegen, ändern und einstellen; geänderte Konditionen ergeben eine neue Version.",
    "permissionHelp.CONTRACTS_READ":
      "Die Verträge der Organisationen sehen: Tarif, Sonderkonditionen, geplante Tarifwechsel und Verlauf.",
    "permissionHelp.CONTRACTS_WRITE":
      "Sonderkonditionen setzen sowie Tarifwechsel planen und zurücknehmen.",
    "permissionHelp.INVOICES_READ":
      "Rechnungen mit Positionen und PDF sehen, Rechnungen und den Abrechnungslauf vorab berechnen.",
    "permissionHelp.INVOICES_WRITE":
      "Manuelle Rechnungen stellen, Rechnungen per Stornorechnung stornieren, eine Organisation sofort abrechnen.",
    "permissionHelp.USAGE_READ":
      "Speicher und Datenverkehr der Organisationen sehen: tägliche Messungen und Auswertungen eines Zeitraums.",
    "permissionHelp.USAGE_REPORT":
      "Von anderen Systemen gemessenen Speicher und Datenverkehr melden; gedacht für deren API-Tokens.",
    "permissionHelp.PAYMENTS_READ":
      "Zahlungen mit ihrem Stand sehen, dazu offene Beträge und Guthaben der Organisationen.",
    "permissionHelp.PAYMENTS_WRITE":
      "Überweisungen und manuelle Zahlungen zu Rechnungen erfassen, Zahlungen erstatten und stornieren.",
    "permissionHelp.ACCOUNTS_READ":
      "Für jedes Konto die Nutzung gegen seine Grenzen sehen, was berechnet, gezahlt und zu zahlen ist, seine Umsatzklasse und die Kontakte seiner Admins.",
    "permissionHelp.TIERS_CHANGE":
      "Eine Organisation zu einem Abrechnungstag in ein anderes Paket verschieben oder den Wechsel zurücknehmen: Das ändert, was der Kunde zahlt und darf.",
    "permissionHelp.ACCOUNTS_WRITE":
      "Aus der Kontenübersicht heraus handeln: Testphasen im Top-Paket gewähren und beenden.",
    "permissionHelp.TRAINING_READ":
      "Die Kurse, ihre Termine mit Teilnehmerlisten und die erteilten Lizenzen und Zertifikate ansehen.",
    "permissionHelp.TRAINING_WRITE":
      "Den Kurskatalog ändern, Termine ansetzen, verschieben, absagen und abschließen, Teilnehmende anmelden und ihre Anwesenheit erfassen, Lizenzen widerrufen.",
    "permissionHelp.BILLING_ENTITIES_READ":
      "Den Lizenznehmer und die Wiederverkäufer sehen, mit ihren Befugnissen, Registrierungsoptionen und Mitarbeitenden.",
    "permissionHelp.BILLING_ENTITIES_MANAGE":
      "Wiederverkäufer anlegen, ändern, sperren und entsperren, ihre Befugnisse erteilen und ihre Mitarbeitenden anlegen.",
    "permissionHelp.WEBHOOKS_READ":
      "Die Webhook-Endpunkte und das Protokoll ihrer Zustellungen mit den Antworten der Empfänger ansehen.",
    "permissionHelp.WEBHOOKS_MANAGE":
      "Webhook-Endpunkte anlegen, ändern, pausieren und löschen, ihre Signaturschlüssel erneuern, Testereignisse senden und Zustellungen wiederholen.",
    "permissionHelp.IMAGES_READ":
      "Die Betriebssystem- und Anwendungs-Images ansehen: alle als Mitarbeitende des Lizenznehmers, als Wiederverkäufer die eigenen und die mit ihm geteilten.",
    "permissionHelp.IMAGES_MANAGE":
      "Images anlegen, ändern und löschen; die Mitarbeitenden des Lizenznehmers geben sie außerdem für Abrechnungseinheiten frei.",
    "permissionHelp.UNSPECIFIED": "Eine Berechtigung, die diese Oberfläche noch nicht kennt.",

    // Audit log
    "audit.outcome.SUCCEEDED": "Ausgeführt",
    "audit.outcome.DENIED": "Abgelehnt",
    "audit.showEvents": "Im Audit-Log zeigen",

    // Schedules (cron expressions in words)
    "schedule.everyMinute": "Jede Minute",
    "schedule.hourly": "Stündlich um :{minute} ({zone})",
    "schedule.daily": "Täglich um {time} {zone}",
    "schedule.weekly": "{weekday} um {time} {zone}",
    "schedule.monthly": "Am {day} des Monats um {time} {zone}",
    "schedule.weekday.0": "Sonntags",
    "schedule.weekday.1": "Montags",
    "schedule.weekday.2": "Dienstags",
    "schedule.weekday.3": "Mittwochs",
    "schedule.weekday.4": "Donnerstags",
    "schedule.weekday.5": "Freitags",
    "schedule.weekday.6": "Samstags",

    // Errors
    "discard.title": "Eingaben verwerfen?",
    "discard.body":
      "Was Sie in diesem Dialog eingegeben haben, ist nicht gespeichert und geht verloren.",
    "discard.keep": "Weiter bearbeiten",
    "discard.confirm": "Verwerfen",
    "error.title": "Etwas ist schiefgegangen",
    "error.generic": "Die Anfrage ist fehlgeschlagen. Bitte versuchen Sie es erneut.",
    "error.network":
      "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    "error.permissionDenied": "Dazu fehlt Ihnen die Berechtigung.",
    "error.notFound": "Nicht gefunden.",
    "error.invalidForm": "Bitte korrigieren Sie die markierten Felder.",
    "error.pageNotFound": "Diese Seite gibt es nicht.",
    "error.pageNotFound.title": "Seite nicht gefunden",
    "error.toStart": "Zur Startseite",
    "error.secondFactor.confirm":
      "Für diese Änderung ist ein aktueller Code aus Ihrer Authenticator-App nötig.",
    "error.secondFactor.enroll":
      "Richten Sie zuerst einen zweiten Faktor (eine Authenticator-App) ein.",

    // Validation messages by protovalidate rule
    "validation.required": "Dieses Feld ist erforderlich.",
    "validation.reasonRequired": "Bitte geben Sie eine Begründung an.",
    "validation.minLen": "Muss mindestens {min} Zeichen lang sein.",
    "validation.maxLen": "Darf höchstens {max} Zeichen lang sein.",
    "validation.email": "Geben Sie eine gültige E-Mail-Adresse ein.",
    "validation.pattern": "Das Format ist ungültig.",
    "validation.pattern.vatId": "Geben Sie eine USt-IdNr. wie DE123456789 ein.",
    "validation.pattern.countryCode":
      "Geben Sie einen Ländercode aus zwei Großbuchstaben ein, z. B. DE.",
    "validation.in": "Dieser Wert ist nicht erlaubt.",
    "validation.enum": "Wählen Sie einen Wert.",
    "validation.future": "Muss in der Zukunft liegen.",
    "validation.timeRange": "Das Ende muss nach dem Anfang liegen.",
    "validation.notBeforeToday": "Wählen Sie heute oder einen späteren Tag.",
    "validation.notAfterToday": "Wählen Sie heute oder einen früheren Tag.",
    "validation.amountLeft": "Mehr, als von der Zahlung noch zu erstatten ist.",
    "validation.dunningIncreasing": "Jede Stufe muss später kommen als die vorige.",
    "validation.endBeforeStart": "Der letzte Tag darf nicht vor dem ersten liegen.",
    "validation.endAfterEnd":
      "Wählen Sie einen Tag bis zu seinem bisherigen letzten Tag; ein späterer würde ihn verlängern.",
    "validation.iban.format":
      "Geben Sie eine IBAN ein: Ländercode, zwei Prüfziffern und die Kontonummer.",
    "validation.iban.length": "Eine IBAN aus {country} hat {length} Zeichen.",
    "validation.iban.checksum":
      "Die Prüfziffern stimmen nicht. Bitte prüfen Sie die IBAN auf Tippfehler.",
    "validation.iban.invalid":
      "Das ist keine gültige IBAN. Bitte prüfen Sie Ländercode, Länge und Prüfziffern.",
    "validation.vatId.invalid": "Das ist keine gültige USt-IdNr. für dieses Land.",
    "validation.leitwegId.required": "Ein öffentlicher Auftraggeber braucht hier seine Leitweg-ID.",
    "validation.leitwegId.invalid":
      "Das ist keine gültige Leitweg-ID. Bitte prüfen Sie sie, vor allem die Prüfziffern.",
    "validation.taxNumber":
      "Geben Sie die Steuernummer so ein, wie das Finanzamt sie schreibt, z. B. 143/123/45678, oder mit 10 bis 13 Ziffern.",
    "validation.bic":
      "Geben Sie eine BIC aus 8 oder 11 Buchstaben und Ziffern ein, z. B. COBADEFFXXX.",
    "validation.image.type": "Die Datei ist kein Bild eines erlaubten Typs.",
    "validation.image.size": "Die Datei ist zu groß.",
    "validation.image.dimensions": "Das Bild hat zu viele Pixel.",
    "validation.image.printable":
      "Dieses Bild kann nicht auf Rechnungen gedruckt werden. Speichern Sie es als PNG ohne Interlacing oder als JPEG.",
    "validation.vatId.de": "Eine deutsche USt-IdNr. besteht aus DE und 9 Ziffern.",
    "validation.numberPrefix": "Höchstens 12 Buchstaben, Ziffern und Bindestriche.",
    "validation.range": "Geben Sie eine Zahl von {min} bis {max} ein.",
    "validation.url": "Geben Sie eine vollständige Webadresse ein, z. B. https://example.com.",
    "validation.ip": "Geben Sie eine IPv4- oder IPv6-Adresse ein, z. B. 203.0.113.10.",
    "validation.parentCycle":
      "Ein Server kann nicht auf sich selbst laufen oder auf einem Server, der auf ihm läuft.",
    "validation.appCode": "Geben Sie die 6 Ziffern ein, die Ihre Authenticator-App anzeigt.",
    "validation.recoveryCode":
      "Geben Sie einen Wiederherstellungscode so ein, wie Sie ihn gesichert haben, z. B. abcde-fghij.",
    "validation.invalid": "Dieser Wert ist ungültig.",
    "validation.min": "Muss mindestens {min} sein.",
    "validation.max": "Darf höchstens {max} sein.",
    "validation.maxItems": "Wählen Sie höchstens {max} aus.",
    "validation.unique": "Jeder Wert darf nur einmal vorkommen.",
    "validation.id": "Das ist keine gültige Kennung.",
    "validation.parentMissing": "Den Server, auf dem er laufen soll, gibt es nicht.",
    "validation.workspaceOrganization": "Der Workspace gehört nicht zu dieser Organisation.",
    "validation.adminMember": "Der Workspace-Administrator muss Mitglied der Organisation sein.",
    "validation.externalUnknown": "Die Verbindung meldet diese Maschine nicht.",
    "validation.endpointScheme":
      "Der Endpunkt dieses Anbieters braucht ein anderes Schema (z. B. https://).",
    "validation.endpointDestination": "Leitstand darf sich nicht mit dieser Adresse verbinden.",
    "validation.credentialsReenter":
      "Geben Sie die Zugangsdaten erneut ein: Gespeicherte Zugangsdaten werden nur dorthin gesendet, wofür sie eingegeben wurden.",
  },
});
