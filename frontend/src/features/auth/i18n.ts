import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of signing in.
 */
export const auth = dictionary({
  en: {
    // Sign-in
    "auth.signIn.title": "Sign in to Leitstand",
    "auth.signIn.pageTitle": "Sign in",
    "auth.signIn.codePageTitle": "Second factor",
    "auth.signIn.subtitle": "The administration panel of your platform",
    "auth.signIn.email": "E-mail address",
    "auth.signIn.password": "Password",
    "auth.signIn.submit": "Sign in",
    "auth.signIn.failed": "The e-mail address or the password is wrong.",
    "auth.signIn.expired": "Your session has ended. Please sign in again.",
    "auth.signIn.signedOut": "You have signed out.",
    "auth.noAccess.title": "No access to the administration panel",
    "auth.noAccess.body":
      "You are signed in as {email}, but your account has no access to the administration panel. If you need access, ask an owner of the platform.",
    "auth.noAccess.signOut": "Sign out",
    "auth.signIn.codeTitle": "Confirm with your second factor",
    "auth.signIn.codeSubtitle": "Enter the 6-digit code your authenticator app shows for {email}.",
    "auth.signIn.recoverySubtitle":
      "Enter one of the recovery codes you saved when you set up the app. Each code works once.",
    "auth.signIn.verify": "Verify",
    "auth.signIn.startOver": "Back to e-mail and password",
  },
  de: {
    // Sign-in
    "auth.signIn.title": "Bei Leitstand anmelden",
    "auth.signIn.pageTitle": "Anmelden",
    "auth.signIn.codePageTitle": "Zweiter Faktor",
    "auth.signIn.subtitle": "Die Administration Ihrer Plattform",
    "auth.signIn.email": "E-Mail-Adresse",
    "auth.signIn.password": "Passwort",
    "auth.signIn.submit": "Anmelden",
    "auth.signIn.failed": "E-Mail-Adresse oder Passwort ist falsch.",
    "auth.signIn.expired": "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    "auth.signIn.signedOut": "Sie haben sich abgemeldet.",
    "auth.noAccess.title": "Kein Zugriff auf die Administration",
    "auth.noAccess.body":
      "Sie sind als {email} angemeldet, aber Ihr Konto hat keinen Zugriff auf die Administration. Wenn Sie Zugriff brauchen, wenden Sie sich an einen Eigentümer der Plattform.",
    "auth.noAccess.signOut": "Abmelden",
    "auth.signIn.codeTitle": "Mit dem zweiten Faktor bestätigen",
    "auth.signIn.codeSubtitle":
      "Geben Sie den 6-stelligen Code ein, den Ihre Authenticator-App für {email} anzeigt.",
    "auth.signIn.recoverySubtitle":
      "Geben Sie einen der Wiederherstellungscodes ein, die Sie beim Einrichten der App gesichert haben. Jeder Code gilt nur einmal.",
    "auth.signIn.verify": "Bestätigen",
    "auth.signIn.startOver": "Zurück zu E-Mail und Passwort",
  },
});
