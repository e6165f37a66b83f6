import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of the webhooks: the endpoints where signed events are sent,
 * their secrets, and the log of their deliveries.
 */
export const webhooks = dictionary({
  en: {
    // Event types
    "webhooks.event.organization.created": "Organization created",
    "webhooks.event.invoice.issued": "Invoice issued",
    "webhooks.event.payment.received": "Payment received",
    "webhooks.event.service.status_changed": "Service status changed",
    "webhooks.event.alert.reported": "Alert reported",
    "webhooks.event.upgrade.requested": "Upgrade requested",
    "webhooks.event.licence.expiring": "Licence expiring",
    "webhooks.event.signup.approved": "Sign-up approved",
    "webhooks.event.signup.rejected": "Sign-up rejected",
    "webhooks.event.ping": "Test event",
    "webhooks.eventHelp.organization.created":
      "A customer organization was created, by staff or a sign-up.",
    "webhooks.eventHelp.invoice.issued": "An invoice or a cancellation invoice was issued.",
    "webhooks.eventHelp.payment.received": "A payment against an invoice succeeded.",
    "webhooks.eventHelp.service.status_changed":
      "A booked service changed its status, by the sync or by staff.",
    "webhooks.eventHelp.alert.reported": "A customer reported an alert.",
    "webhooks.eventHelp.upgrade.requested": "A customer asked for a higher tier.",
    "webhooks.eventHelp.licence.expiring":
      "A training licence entered its last 30 days, or expired.",
    "webhooks.eventHelp.signup.approved":
      "Staff approved a waiting sign-up: the organization is active and on its first contract.",
    "webhooks.eventHelp.signup.rejected":
      "Staff rejected a waiting sign-up, with the reason the applicant reads.",

    // Delivery states
    "webhooks.status.UNSPECIFIED": "Unknown",
    "webhooks.status.PENDING": "Pending",
    "webhooks.status.SUCCEEDED": "Succeeded",
    "webhooks.status.FAILED": "Failed",
    "webhooks.enabled": "Enabled",
    "webhooks.paused": "Paused",

    // List
    "webhooks.title": "Webhooks",
    "webhooks.description":
      "Endpoints where Leitstand posts signed events, so that other systems react without polling.",
    "webhooks.count.one": "{count} endpoint",
    "webhooks.count.other": "{count} endpoints",
    "webhooks.count.showing": "Showing {shown} of {total} endpoints",
    "webhooks.empty": "No webhook endpoint yet.",
    "webhooks.emptyHint": "Add an endpoint to have events posted to your systems as they happen.",
    "webhooks.col.url": "Endpoint",
    "webhooks.col.billingEntity": "Billing entity",
    "webhooks.col.events": "Events",
    "webhooks.col.state": "State",
    "webhooks.col.created": "Created",
    "webhooks.moreEvents": "+{count} more",
    "webhooks.new": "New endpoint…",
    "webhooks.newTitle": "New webhook endpoint",
    "webhooks.notFound": "This webhook endpoint does not exist, or you may not see it.",

    // Form
    "webhooks.field.url": "URL",
    "webhooks.field.urlHint":
      "Where the events are posted: an https address your system answers with 2xx.",
    "webhooks.field.description": "Description",
    "webhooks.field.descriptionHint": "What it is for, e.g. ERP import.",
    "webhooks.field.events": "Events",
    "webhooks.field.eventsHint": "The events this endpoint receives; at least one.",
    "webhooks.field.billingEntity": "Billing entity",
    "webhooks.field.billingEntityHint":
      "Whose endpoint it is. The licensee's receive the events of every customer; a reseller's those of its own.",
    "webhooks.field.enabled": "Send events",
    "webhooks.field.enabledHint": "A paused endpoint receives nothing until it is resumed.",
    "webhooks.field.secret": "Signing secret",
    "webhooks.field.created": "Created",
    "webhooks.field.updated": "Changed",
    "webhooks.eventsRequired": "Choose at least one event.",
    "webhooks.urlInvalid": "Enter an address starting with https:// (or http:// where allowed).",
    "webhooks.create": "Create endpoint",
    "webhooks.created": "Endpoint created.",
    "webhooks.editTitle": "Edit endpoint",
    "webhooks.updated": "Endpoint saved.",

    // The secret, shown once
    "webhooks.secret.title": "Signing secret",
    "webhooks.secret.warning":
      "Copy the secret now and store it with your receiver: it is shown only this once.",
    "webhooks.secret.verifyTitle": "Verify it like this",
    "webhooks.secret.verify":
      "Each delivery carries the header Leitstand-Signature: t=<unix time>,v1=<signature>. Compute the HMAC-SHA256 of the timestamp, a dot and the raw body with this secret, compare its hex form in constant time with each v1, and refuse timestamps more than five minutes off. The webhooks documentation explains it under “Delivery and signing”.",
    "webhooks.secret.done": "I have stored it",

    // Detail
    "webhooks.overview": "Overview",
    "webhooks.edit": "Edit…",
    "webhooks.pause": "Pause",
    "webhooks.resume": "Resume",
    "webhooks.pausedNotice":
      "This endpoint is paused: it receives no new events, and its pending deliveries wait until it is resumed.",
    "webhooks.pausedDone": "Endpoint paused.",
    "webhooks.resumedDone": "Endpoint resumed.",
    "webhooks.sendTest": "Send test event",
    "webhooks.testSucceeded": "Test event delivered: the receiver answered {code}.",
    "webhooks.testFailed": "Test event not delivered: {error}",
    "webhooks.rotate": "Rotate secret…",
    "webhooks.rotateTitle": "Rotate the signing secret",
    "webhooks.rotateHint":
      "The endpoint gets a new secret. Until the overlap ends, every delivery carries two signatures, one by the current and one by the new secret, so your receiver can switch without missing a delivery. After it, only the new secret signs.",
    "webhooks.overlap": "Overlap in hours",
    "webhooks.overlapHint":
      "How long the current secret stays valid beside the new one (1 to 168).",
    "webhooks.rotateConfirm": "Rotate secret",
    "webhooks.rotated": "Secret rotated.",
    "webhooks.previousSecret": "Previous secret still valid until {time}",
    "webhooks.oneSecret": "One secret",
    "webhooks.delete": "Delete…",
    "webhooks.deleteTitle": "Delete this endpoint?",
    "webhooks.deleteMessage":
      "{url} receives no more events, and its delivery log is deleted with it. This cannot be undone.",
    "webhooks.deleteConfirm": "Delete endpoint",
    "webhooks.deleted": "Endpoint deleted.",
    "webhooks.readOnly": "Only owners change webhook endpoints.",

    // Delivery log
    "webhooks.log.title": "Delivery log",
    "webhooks.log.count.one": "{count} delivery",
    "webhooks.log.count.other": "{count} deliveries",
    "webhooks.log.count.showing": "Showing {shown} of {total} deliveries",
    "webhooks.log.empty": "Nothing delivered yet.",
    "webhooks.log.emptyHint": "Events appear here as they happen; a test event shows at once.",
    "webhooks.log.statusFilter": "Status",
    "webhooks.log.eventFilter": "Event type",
    "webhooks.log.col.event": "Event",
    "webhooks.log.col.eventId": "Event ID",
    "webhooks.log.col.status": "Status",
    "webhooks.log.col.attempts": "Attempts",
    "webhooks.log.col.response": "Response",
    "webhooks.log.col.duration": "Duration",
    "webhooks.log.col.time": "Last attempt",
    "webhooks.log.col.next": "Next attempt",
    "webhooks.log.noAnswer": "No answer",
    "webhooks.log.replay": "Replay…",
    "webhooks.log.replayTitle": "Replay this delivery?",
    "webhooks.log.replayMessage":
      "The event {eventId} is sent again to this endpoint as a new delivery, at once, with the same id and body.",
    "webhooks.log.replayConfirm": "Replay",
    "webhooks.log.replayed": "Delivery replayed.",

    // Delivery drawer
    "webhooks.delivery.title": "Delivery of {event}",
    "webhooks.delivery.notFound": "This delivery is not in the log any more.",
    "webhooks.delivery.id": "Delivery",
    "webhooks.delivery.created": "Queued",
    "webhooks.delivery.replayOf": "Replays",
    "webhooks.delivery.error": "Error",
    "webhooks.delivery.request": "Request body",
    "webhooks.delivery.response": "Response body",
    "webhooks.delivery.responseEmpty": "The answer had no body.",
    "webhooks.delivery.headers": "Request headers",
  },
  de: {
    "webhooks.event.organization.created": "Organisation angelegt",
    "webhooks.event.invoice.issued": "Rechnung gestellt",
    "webhooks.event.payment.received": "Zahlung eingegangen",
    "webhooks.event.service.status_changed": "Dienststatus geändert",
    "webhooks.event.alert.reported": "Störung gemeldet",
    "webhooks.event.upgrade.requested": "Upgrade angefragt",
    "webhooks.event.licence.expiring": "Lizenz läuft ab",
    "webhooks.event.signup.approved": "Registrierung freigegeben",
    "webhooks.event.signup.rejected": "Registrierung abgelehnt",
    "webhooks.event.ping": "Testereignis",
    "webhooks.eventHelp.organization.created":
      "Eine Kundenorganisation wurde angelegt, von Mitarbeitenden oder per Registrierung.",
    "webhooks.eventHelp.invoice.issued": "Eine Rechnung oder Stornorechnung wurde gestellt.",
    "webhooks.eventHelp.payment.received": "Eine Zahlung zu einer Rechnung war erfolgreich.",
    "webhooks.eventHelp.service.status_changed":
      "Ein gebuchter Dienst hat seinen Status geändert, durch den Abgleich oder Mitarbeitende.",
    "webhooks.eventHelp.alert.reported": "Ein Kunde hat eine Störung gemeldet.",
    "webhooks.eventHelp.upgrade.requested": "Ein Kunde hat einen höheren Tarif angefragt.",
    "webhooks.eventHelp.licence.expiring":
      "Eine Schulungslizenz ist in ihren letzten 30 Tagen oder abgelaufen.",
    "webhooks.eventHelp.signup.approved":
      "Eine wartende Registrierung wurde freigegeben: Die Organisation ist aktiv und hat ihren ersten Vertrag.",
    "webhooks.eventHelp.signup.rejected":
      "Eine wartende Registrierung wurde abgelehnt, mit der Begründung, die die Bewerbenden lesen.",

    "webhooks.status.UNSPECIFIED": "Unbekannt",
    "webhooks.status.PENDING": "Ausstehend",
    "webhooks.status.SUCCEEDED": "Zugestellt",
    "webhooks.status.FAILED": "Fehlgeschlagen",
    "webhooks.enabled": "Aktiv",
    "webhooks.paused": "Pausiert",

    "webhooks.title": "Webhooks",
    "webhooks.description":
      "Endpunkte, an die Leitstand signierte Ereignisse sendet, damit andere Systeme ohne Abfragen reagieren.",
    "webhooks.count.one": "{count} Endpunkt",
    "webhooks.count.other": "{count} Endpunkte",
    "webhooks.count.showing": "{shown} von {total} Endpunkten",
    "webhooks.empty": "Noch kein Webhook-Endpunkt.",
    "webhooks.emptyHint":
      "Legen Sie einen Endpunkt an, um Ereignisse sofort an Ihre Systeme senden zu lassen.",
    "webhooks.col.url": "Endpunkt",
    "webhooks.col.billingEntity": "Abrechnungseinheit",
    "webhooks.col.events": "Ereignisse",
    "webhooks.col.state": "Zustand",
    "webhooks.col.created": "Angelegt",
    "webhooks.moreEvents": "+{count} weitere",
    "webhooks.new": "Neuer Endpunkt…",
    "webhooks.newTitle": "Neuer Webhook-Endpunkt",
    "webhooks.notFound": "Diesen Webhook-Endpunkt gibt es nicht, oder Sie dürfen ihn nicht sehen.",

    "webhooks.field.url": "URL",
    "webhooks.field.urlHint":
      "Wohin die Ereignisse gesendet werden: eine https-Adresse, die Ihr System mit 2xx beantwortet.",
    "webhooks.field.description": "Beschreibung",
    "webhooks.field.descriptionHint": "Wofür er dient, z. B. ERP-Import.",
    "webhooks.field.events": "Ereignisse",
    "webhooks.field.eventsHint": "Die Ereignisse, die dieser Endpunkt erhält; mindestens eines.",
    "webhooks.field.billingEntity": "Abrechnungseinheit",
    "webhooks.field.billingEntityHint":
      "Wem der Endpunkt gehört. Die des Lizenznehmers erhalten die Ereignisse aller Kunden, die eines Resellers die seiner eigenen.",
    "webhooks.field.enabled": "Ereignisse senden",
    "webhooks.field.enabledHint": "Ein pausierter Endpunkt erhält nichts, bis er fortgesetzt wird.",
    "webhooks.field.secret": "Signaturschlüssel",
    "webhooks.field.created": "Angelegt",
    "webhooks.field.updated": "Geändert",
    "webhooks.eventsRequired": "Wählen Sie mindestens ein Ereignis.",
    "webhooks.urlInvalid":
      "Geben Sie eine Adresse ein, die mit https:// beginnt (oder http://, wo erlaubt).",
    "webhooks.create": "Endpunkt anlegen",
    "webhooks.created": "Endpunkt angelegt.",
    "webhooks.editTitle": "Endpunkt bearbeiten",
    "webhooks.updated": "Endpunkt gespeichert.",

    "webhooks.secret.title": "Signaturschlüssel",
    "webhooks.secret.warning":
      "Kopieren Sie den Schlüssel jetzt und hinterlegen Sie ihn bei Ihrem Empfänger: Er wird nur dieses eine Mal angezeigt.",
    "webhooks.secret.verifyTitle": "So prüfen Sie die Signatur",
    "webhooks.secret.verify":
      "Jede Zustellung trägt den Header Leitstand-Signature: t=<Unix-Zeit>,v1=<Signatur>. Berechnen Sie den HMAC-SHA256 aus Zeitstempel, einem Punkt und dem unveränderten Body mit diesem Schlüssel, vergleichen Sie seine Hex-Form in konstanter Zeit mit jedem v1 und lehnen Sie Zeitstempel ab, die mehr als fünf Minuten abweichen. Die Webhook-Dokumentation erklärt es unter „Delivery and signing“.",
    "webhooks.secret.done": "Ich habe ihn gespeichert",

    "webhooks.overview": "Übersicht",
    "webhooks.edit": "Bearbeiten…",
    "webhooks.pause": "Pausieren",
    "webhooks.resume": "Fortsetzen",
    "webhooks.pausedNotice":
      "Dieser Endpunkt ist pausiert: Er erhält keine neuen Ereignisse, ausstehende Zustellungen warten, bis er fortgesetzt wird.",
    "webhooks.pausedDone": "Endpunkt pausiert.",
    "webhooks.resumedDone": "Endpunkt fortgesetzt.",
    "webhooks.sendTest": "Testereignis senden",
    "webhooks.testSucceeded": "Testereignis zugestellt: Der Empfänger antwortete mit {code}.",
    "webhooks.testFailed": "Testereignis nicht zugestellt: {error}",
    "webhooks.rotate": "Schlüssel erneuern…",
    "webhooks.rotateTitle": "Signaturschlüssel erneuern",
    "webhooks.rotateHint":
      "Der Endpunkt erhält einen neuen Schlüssel. Bis zum Ende der Überlappung trägt jede Zustellung zwei Signaturen, eine mit dem bisherigen und eine mit dem neuen Schlüssel, sodass Ihr Empfänger ohne verlorene Zustellung wechseln kann. Danach signiert nur noch der neue.",
    "webhooks.overlap": "Überlappung in Stunden",
    "webhooks.overlapHint":
      "Wie lange der bisherige Schlüssel neben dem neuen gültig bleibt (1 bis 168).",
    "webhooks.rotateConfirm": "Schlüssel erneuern",
    "webhooks.rotated": "Schlüssel erneuert.",
    "webhooks.previousSecret": "Bisheriger Schlüssel noch gültig bis {time}",
    "webhooks.oneSecret": "Ein Schlüssel",
    "webhooks.delete": "Löschen…",
    "webhooks.deleteTitle": "Diesen Endpunkt löschen?",
    "webhooks.deleteMessage":
      "{url} erhält keine Ereignisse mehr, und sein Zustellprotokoll wird mit gelöscht. Das lässt sich nicht rückgängig machen.",
    "webhooks.deleteConfirm": "Endpunkt löschen",
    "webhooks.deleted": "Endpunkt gelöscht.",
    "webhooks.readOnly": "Nur Eigentümer ändern Webhook-Endpunkte.",

    "webhooks.log.title": "Zustellprotokoll",
    "webhooks.log.count.one": "{count} Zustellung",
    "webhooks.log.count.other": "{count} Zustellungen",
    "webhooks.log.count.showing": "{shown} von {total} Zustellungen",
    "webhooks.log.empty": "Noch nichts zugestellt.",
    "webhooks.log.emptyHint":
      "Ereignisse erscheinen hier, sobald sie eintreten; ein Testereignis sofort.",
    "webhooks.log.statusFilter": "Status",
    "webhooks.log.eventFilter": "Ereignistyp",
    "webhooks.log.col.event": "Ereignis",
    "webhooks.log.col.eventId": "Ereignis-ID",
    "webhooks.log.col.status": "Status",
    "webhooks.log.col.attempts": "Versuche",
    "webhooks.log.col.response": "Antwort",
    "webhooks.log.col.duration": "Dauer",
    "webhooks.log.col.time": "Letzter Versuch",
    "webhooks.log.col.next": "Nächster Versuch",
    "webhooks.log.noAnswer": "Keine Antwort",
    "webhooks.log.replay": "Erneut senden…",
    "webhooks.log.replayTitle": "Diese Zustellung erneut senden?",
    "webhooks.log.replayMessage":
      "Das Ereignis {eventId} wird sofort als neue Zustellung erneut an diesen Endpunkt gesendet, mit derselben ID und demselben Body.",
    "webhooks.log.replayConfirm": "Erneut senden",
    "webhooks.log.replayed": "Zustellung erneut gesendet.",

    "webhooks.delivery.title": "Zustellung: {event}",
    "webhooks.delivery.notFound": "Diese Zustellung ist nicht mehr im Protokoll.",
    "webhooks.delivery.id": "Zustellung",
    "webhooks.delivery.created": "Eingereiht",
    "webhooks.delivery.replayOf": "Wiederholt",
    "webhooks.delivery.error": "Fehler",
    "webhooks.delivery.request": "Gesendeter Body",
    "webhooks.delivery.response": "Antwort-Body",
    "webhooks.delivery.responseEmpty": "Die Antwort hatte keinen Body.",
    "webhooks.delivery.headers": "Request-Header",
  },
});
