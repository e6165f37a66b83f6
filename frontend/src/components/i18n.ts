import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of the shared components: the layout (navigation, header, search,
 * language and theme), the second factor's code form and step-up dialog, and
 * the view of a change (ui/JsonDiff). Tables and row actions use the shared
 * words of src/lib/i18n/shared.ts.
 */
export const components = dictionary({
  en: {
    // Languages and themes
    "language.en": "English",
    "language.de": "Deutsch",
    "theme.light": "Light",
    "theme.dark": "Dark",
    "theme.toggle": "Toggle light and dark theme",

    // Navigation
    "nav.main": "Main navigation",
    "noPermission.title": "You may not see this page",
    "noPermission.body":
      "It needs the permission “{permission}” ({code}), which your role does not include. An owner can grant it to you.",
    "nav.group.customers": "Customers",
    "nav.group.access": "Access",
    "nav.group.infrastructure": "Infrastructure",
    "nav.group.compliance": "Compliance",
    "nav.group.operations": "Operations",
    "nav.group.platform": "Platform",
    "nav.group.training": "Training",
    "nav.organizations": "Organizations",
    "nav.signups": "Sign-ups",
    "nav.billingEntities": "Billing entities",
    "nav.webhooks": "Webhooks",
    "nav.services": "Services",
    "nav.orders": "Orders",
    "nav.catalog": "Catalog",
    "nav.plans": "Plans",
    "nav.invoices": "Invoices",
    "nav.payments": "Payments",
    "nav.accounts": "Usage & billing",
    "nav.atRisk": "At-risk",
    "nav.upgrades": "Upgrade requests",
    "nav.partners": "Partners",
    "nav.trainingSessions": "Sessions",
    "nav.trainingCourses": "Courses",
    "nav.trainingLicences": "Licences",
    "nav.members": "Members",
    "nav.audit": "Audit log",
    "nav.roles": "Roles",
    "nav.jobs": "Jobs",
    "nav.templates": "Process templates",
    "nav.alerts": "Alerts",
    "nav.feedback": "Feedback",
    "nav.settings": "Settings",
    "nav.servers": "Servers",
    "nav.containers": "Containers",
    "nav.connections": "Connections",
    "nav.apiTokens": "API tokens",
    "nav.security": "Security",

    // Header and user menu
    "header.openNavigation": "Open navigation",
    "header.userMenu": "Account menu",
    "header.signedInAs": "Signed in as",
    "header.signOut": "Sign out",

    // Global search
    "search.placeholder": "Search organizations, members, servers…",
    "search.button": "Search",
    "search.shortcut": "Press / or Ctrl+K to search",
    "search.results": "Search results",
    "search.organizations": "Organizations",
    "search.members": "Members",
    "search.servers": "Servers",
    "search.containers": "Containers",
    "search.connections": "Connections",
    "search.catalogItems": "Catalog items",
    "search.services": "Services",
    "search.other": "Other",
    "search.nothingFound": "Nothing found",
    "search.typeToSearch": "Type a name, an e-mail or IP address, or paste an id",
    "search.enterToOpen": "↑ ↓ to choose, Enter to open",

    // Second factor
    "secondFactor.code": "Code from your authenticator app",
    "secondFactor.recoveryCode": "Recovery code",
    "secondFactor.useRecoveryCode": "Use a recovery code instead",
    "secondFactor.useApp": "Use the code from the app instead",
    "stepUp.title": "Confirm it’s you",
    "stepUp.body":
      "This change needs a fresh confirmation of your second factor. Enter the code from your authenticator app, and the change is made.",
    "stepUp.submit": "Confirm and continue",
    "stepUp.enrollTitle": "Set up a second factor first",
    "stepUp.enrollBody":
      "This change needs a second factor (an authenticator app), and your account has none yet.",
    "stepUp.enrollAction": "Set up now",

    // Audit log
    "audit.before": "Before",
    "audit.after": "After",
    "audit.noChanges": "No field changed.",
    "audit.field": "Field",
    "audit.showUnchanged": "Show {count} unchanged fields",
    "audit.hideUnchanged": "Hide unchanged fields",
    // A text shown as the server wrote it (ui/ServerText)
    "serverText.label": "Server message",
    "serverText.hint": "The server's own words, shown as it wrote them.",
  },
  de: {
    // Languages and themes
    "language.en": "English",
    "language.de": "Deutsch",
    "theme.light": "Hell",
    "theme.dark": "Dunkel",
    "theme.toggle": "Zwischen hellem und dunklem Design wechseln",

    // Navigation
    "nav.main": "Hauptnavigation",
    "noPermission.title": "Diese Seite dürfen Sie nicht sehen",
    "noPermission.body":
      "Sie braucht die Berechtigung „{permission}“ ({code}), die Ihre Rolle nicht enthält. Ein Owner kann sie Ihnen erteilen.",
    "nav.group.customers": "Kunden",
    "nav.group.access": "Zugriff",
    "nav.group.infrastructure": "Infrastruktur",
    "nav.group.compliance": "Compliance",
    "nav.group.operations": "Betrieb",
    "nav.group.platform": "Plattform",
    "nav.group.training": "Schulungen",
    "nav.organizations": "Organisationen",
    "nav.signups": "Registrierungen",
    "nav.billingEntities": "Abrechnungseinheiten",
    "nav.webhooks": "Webhooks",
    "nav.services": "Services",
    "nav.orders": "Aufträge",
    "nav.catalog": "Katalog",
    "nav.plans": "Tarife",
    "nav.invoices": "Rechnungen",
    "nav.payments": "Zahlungen",
    "nav.accounts": "Nutzung & Abrechnung",
    "nav.atRisk": "Gefährdete Konten",
    "nav.upgrades": "Upgrade-Anfragen",
    "nav.partners": "Partner",
    "nav.trainingSessions": "Termine",
    "nav.trainingCourses": "Kurse",
    "nav.trainingLicences": "Lizenzen",
    "nav.members": "Mitglieder",
    "nav.audit": "Audit-Log",
    "nav.roles": "Rollen",
    "nav.jobs": "Jobs",
    "nav.templates": "Prozessvorlagen",
    "nav.alerts": "Meldungen",
    "nav.feedback": "Feedback",
    "nav.settings": "Einstellungen",
    "nav.servers": "Server",
    "nav.containers": "Container",
    "nav.connections": "Verbindungen",
    "nav.apiTokens": "API-Tokens",
    "nav.security": "Sicherheit",

    // Header and user menu
    "header.openNavigation": "Navigation öffnen",
    "header.userMenu": "Kontomenü",
    "header.signedInAs": "Angemeldet als",
    "header.signOut": "Abmelden",

    // Global search
    "search.placeholder": "Organisationen, Mitglieder, Server suchen…",
    "search.button": "Suchen",
    "search.shortcut": "Mit / oder Strg+K suchen",
    "search.results": "Suchergebnisse",
    "search.organizations": "Organisationen",
    "search.members": "Mitglieder",
    "search.servers": "Server",
    "search.containers": "Container",
    "search.connections": "Verbindungen",
    "search.catalogItems": "Katalogeinträge",
    "search.services": "Services",
    "search.other": "Weitere",
    "search.nothingFound": "Nichts gefunden",
    "search.typeToSearch": "Namen, E-Mail- oder IP-Adresse eingeben oder eine ID einfügen",
    "search.enterToOpen": "↑ ↓ zum Auswählen, Enter zum Öffnen",

    // Second factor
    "secondFactor.code": "Code aus Ihrer Authenticator-App",
    "secondFactor.recoveryCode": "Wiederherstellungscode",
    "secondFactor.useRecoveryCode": "Stattdessen einen Wiederherstellungscode verwenden",
    "secondFactor.useApp": "Stattdessen den Code aus der App verwenden",
    "stepUp.title": "Bestätigen Sie, dass Sie es sind",
    "stepUp.body":
      "Diese Änderung erfordert eine erneute Bestätigung mit Ihrem zweiten Faktor. Geben Sie den Code aus Ihrer Authenticator-App ein, dann wird die Änderung ausgeführt.",
    "stepUp.submit": "Bestätigen und fortfahren",
    "stepUp.enrollTitle": "Richten Sie zuerst einen zweiten Faktor ein",
    "stepUp.enrollBody":
      "Für diese Änderung ist ein zweiter Faktor (eine Authenticator-App) nötig; Ihr Konto hat noch keinen.",
    "stepUp.enrollAction": "Jetzt einrichten",

    // Audit log
    "audit.before": "Vorher",
    "audit.after": "Nachher",
    "audit.noChanges": "Kein Feld geändert.",
    "audit.field": "Feld",
    "audit.showUnchanged": "{count} unveränderte Felder zeigen",
    "audit.hideUnchanged": "Unveränderte Felder ausblenden",
    // A text shown as the server wrote it (ui/ServerText)
    "serverText.label": "Servermeldung (englisch)",
    "serverText.hint": "Der Wortlaut des Servers, unübersetzt wiedergegeben.",
  },
});
