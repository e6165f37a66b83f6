import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of the caller's own account: the security page and API tokens.
 */
export const account = dictionary({
  en: {
    // Security page
    "security.title": "Security",
    "security.description": "How you sign in to the administration panel.",
    "security.secondFactor.title": "Second factor",
    "security.secondFactor.hint":
      "After your password, a code from an authenticator app on your phone (such as Aegis, Google Authenticator or 1Password) that changes every 30 seconds.",
    "security.secondFactor.on": "On",
    "security.secondFactor.off": "Off",
    "security.secondFactor.onBody":
      "Signing in needs your password and a code from your authenticator app, or one of your recovery codes.",
    "security.secondFactor.offBody":
      "Signing in needs only your password. Set up an authenticator app so that a stolen password alone is not enough.",
    "security.secondFactor.freshUntil": "Confirmed in this session until {time}.",
    "security.setup.start": "Set up authenticator app",
    "security.setup.scan": "Scan this QR code with your authenticator app.",
    "security.setup.qrAlt": "QR code that adds Leitstand to your authenticator app",
    "security.setup.manual": "Cannot scan it? Type in this key instead:",
    "security.setup.secretLabel": "Key for your authenticator app",
    "security.setup.enterCode": "Then enter the 6-digit code the app shows now.",
    "security.setup.confirm": "Turn on",
    "security.codes.title": "Your recovery codes",
    "security.codes.warning":
      "Save these ten codes now, in your password manager or on paper. They will not be shown again. Each code signs you in once when you do not have your phone.",
    "security.codes.listLabel": "Recovery codes",
    "security.codes.copy": "Copy codes",
    "security.codes.download": "Download (.txt)",
    "security.codes.fileIntro": "Leitstand recovery codes for {email}. Each code works once.",
    "security.codes.done": "I have saved the codes",
    "security.enabled": "Second factor turned on",
    "security.disable.start": "Turn off",
    "security.disable.title": "Turn off the second factor?",
    "security.disable.body":
      "Signing in then needs only your password, and your recovery codes stop working. Confirm with a current code from your authenticator app or with a recovery code.",
    "security.disabled": "Second factor turned off",
    "security.required.title": "Set up a second factor to continue",
    "security.required.pageTitle": "Set up a second factor",
    "security.required.body":
      "The platform requires a second factor for your role ({role}). Until you have set one up, the panel stays locked.",
    "security.required.signedInAs": "Signed in as {email}",

    // API tokens
    "tokens.title": "API tokens",
    "tokens.description":
      "Tools and scripts call the API with a bearer token. A token acts with your permissions.",
    "tokens.create": "Create token",
    "tokens.name": "Name",
    "tokens.namePlaceholder": "e.g. billing export script",
    "tokens.expires": "Expires",
    "tokens.expiresPlaceholder": "Never",
    "tokens.prefix": "Token",
    "tokens.lastUsed": "Last used",
    "tokens.status": "Status",
    "tokens.active": "Active",
    "tokens.revoked": "Revoked",
    "tokens.expired": "Expired",
    "tokens.revoke": "Revoke",
    "tokens.revokeTitle": "Revoke token “{name}”?",
    "tokens.revokeBody": "Tools that use this token lose access at once.",
    "tokens.revoked.notice": "Token revoked",
    "tokens.secretTitle": "Your new API token",
    "tokens.secretBody": "Copy the token now. It is shown only once.",
    "tokens.empty": "You have no API tokens yet.",
    "tokens.showInactive": "Show revoked and expired",
  },
  de: {
    // Security page
    "security.title": "Sicherheit",
    "security.description": "Wie Sie sich an der Administration anmelden.",
    "security.secondFactor.title": "Zweiter Faktor",
    "security.secondFactor.hint":
      "Nach dem Passwort ein Code aus einer Authenticator-App auf Ihrem Smartphone (etwa Aegis, Google Authenticator oder 1Password), der alle 30 Sekunden wechselt.",
    "security.secondFactor.on": "Eingeschaltet",
    "security.secondFactor.off": "Ausgeschaltet",
    "security.secondFactor.onBody":
      "Zur Anmeldung brauchen Sie Ihr Passwort und einen Code aus Ihrer Authenticator-App oder einen Ihrer Wiederherstellungscodes.",
    "security.secondFactor.offBody":
      "Zur Anmeldung genügt Ihr Passwort. Richten Sie eine Authenticator-App ein, damit ein gestohlenes Passwort allein nicht reicht.",
    "security.secondFactor.freshUntil": "In dieser Sitzung bestätigt bis {time}.",
    "security.setup.start": "Authenticator-App einrichten",
    "security.setup.scan": "Scannen Sie diesen QR-Code mit Ihrer Authenticator-App.",
    "security.setup.qrAlt": "QR-Code, der Leitstand zu Ihrer Authenticator-App hinzufügt",
    "security.setup.manual":
      "Lässt sich der Code nicht scannen? Geben Sie stattdessen diesen Schlüssel ein:",
    "security.setup.secretLabel": "Schlüssel für Ihre Authenticator-App",
    "security.setup.enterCode":
      "Geben Sie dann den 6-stelligen Code ein, den die App jetzt anzeigt.",
    "security.setup.confirm": "Einschalten",
    "security.codes.title": "Ihre Wiederherstellungscodes",
    "security.codes.warning":
      "Sichern Sie diese zehn Codes jetzt, im Passwort-Manager oder auf Papier. Sie werden nicht noch einmal angezeigt. Jeder Code ermöglicht eine Anmeldung, wenn Sie Ihr Smartphone nicht zur Hand haben.",
    "security.codes.listLabel": "Wiederherstellungscodes",
    "security.codes.copy": "Codes kopieren",
    "security.codes.download": "Herunterladen (.txt)",
    "security.codes.fileIntro":
      "Leitstand-Wiederherstellungscodes für {email}. Jeder Code gilt nur einmal.",
    "security.codes.done": "Ich habe die Codes gesichert",
    "security.enabled": "Zweiter Faktor eingeschaltet",
    "security.disable.start": "Ausschalten",
    "security.disable.title": "Zweiten Faktor ausschalten?",
    "security.disable.body":
      "Danach genügt zur Anmeldung Ihr Passwort, und Ihre Wiederherstellungscodes verfallen. Bestätigen Sie mit einem aktuellen Code aus Ihrer Authenticator-App oder mit einem Wiederherstellungscode.",
    "security.disabled": "Zweiter Faktor ausgeschaltet",
    "security.required.title": "Richten Sie einen zweiten Faktor ein, um fortzufahren",
    "security.required.pageTitle": "Zweiten Faktor einrichten",
    "security.required.body":
      "Die Plattform verlangt für Ihre Rolle ({role}) einen zweiten Faktor. Bis Sie einen eingerichtet haben, bleibt die Administration gesperrt.",
    "security.required.signedInAs": "Angemeldet als {email}",

    // API tokens
    "tokens.title": "API-Tokens",
    "tokens.description":
      "Werkzeuge und Skripte rufen die API mit einem Bearer-Token auf. Ein Token handelt mit Ihren Berechtigungen.",
    "tokens.create": "Token erstellen",
    "tokens.name": "Name",
    "tokens.namePlaceholder": "z. B. Skript für den Rechnungsexport",
    "tokens.expires": "Läuft ab",
    "tokens.expiresPlaceholder": "Nie",
    "tokens.prefix": "Token",
    "tokens.lastUsed": "Zuletzt benutzt",
    "tokens.status": "Status",
    "tokens.active": "Aktiv",
    "tokens.revoked": "Widerrufen",
    "tokens.expired": "Abgelaufen",
    "tokens.revoke": "Widerrufen",
    "tokens.revokeTitle": "Token „{name}“ widerrufen?",
    "tokens.revokeBody": "Werkzeuge, die dieses Token benutzen, verlieren sofort den Zugriff.",
    "tokens.revoked.notice": "Token widerrufen",
    "tokens.secretTitle": "Ihr neues API-Token",
    "tokens.secretBody": "Kopieren Sie das Token jetzt. Es wird nur einmal angezeigt.",
    "tokens.empty": "Sie haben noch keine API-Tokens.",
    "tokens.showInactive": "Widerrufene und abgelaufene zeigen",
  },
});
