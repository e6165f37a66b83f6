import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of the background jobs.
 */
export const jobs = dictionary({
  en: {
    // Jobs
    "jobs.title": "Jobs",
    "jobs.description": "The platform's background jobs: when they run and how their runs went.",
    "jobs.col.job": "Job",
    "jobs.col.schedule": "Schedule",
    "jobs.col.nextRun": "Next run",
    "jobs.col.lastRun": "Last run",
    "jobs.col.last7Days": "Last 7 days",
    "jobs.successRate": "{rate} succeeded",
    "jobs.stats": "{runs} runs · avg. {duration}",
    "jobs.stats.one": "1 run · {duration}",
    "jobs.noRuns": "No runs",
    "jobs.neverRan": "Never ran",
    "jobs.empty": "No jobs are registered.",
    "jobs.catchUp": "A run missed while no server was up is made up at the next start.",
    "jobs.runNow": "Run now",
    "jobs.runNowTitle": "Run {title} now?",
    "jobs.runNowBody":
      "The job runs at once, outside its schedule. The start is kept in the audit trail.",
    "jobs.runNowRunning": "This job is running.",
    "jobs.runStarted": "{title} started",
    "jobs.runs.title": "Recent runs",
    "jobs.runs.empty": "No runs match.",
    "jobs.outcomeFilter": "Outcome",
    "jobs.outcome.RUNNING": "Running",
    "jobs.outcome.SUCCEEDED": "Succeeded",
    "jobs.outcome.FAILED": "Failed",
    "jobs.outcome.INTERRUPTED": "Interrupted",
    "jobs.outcome.UNSPECIFIED": "Unknown",
    "jobs.trigger.SCHEDULE": "Schedule",
    "jobs.trigger.CATCH_UP": "Catch-up",
    "jobs.trigger.MANUAL": "Manual",
    "jobs.trigger.UNSPECIFIED": "Unknown",
    "jobs.col.trigger": "Trigger",
    "jobs.col.attempt": "Attempt",
    "jobs.col.start": "Started",
    "jobs.col.duration": "Duration",
    "jobs.col.outcome": "Outcome",
    "jobs.col.summary": "Summary",
    "jobs.col.triggeredBy": "Triggered by",
    "jobs.run.title": "Run of {title}",
    "jobs.run.job": "Job",
    "jobs.run.end": "Ended",
    "jobs.run.scheduledTime": "Scheduled for",
    "jobs.run.retryTime": "Next attempt",
    "jobs.run.replica": "Replica",
    "jobs.run.error": "Error (server message)",
    "jobs.run.notFound": "This run does not exist.",
    "jobs.run.attemptOf": "Attempt {attempt}",
    "jobs.detail.notFound": "This job does not exist.",
    "jobs.detail.history": "History",
    "jobs.detail.range": "Time range",
    "jobs.detail.range.24h": "24 h",
    "jobs.detail.range.7d": "7 days",
    "jobs.detail.range.30d": "30 days",
    "jobs.detail.durationChart": "Duration",
    "jobs.detail.runsChart": "Runs",
    "jobs.detail.averageDuration": "Average",
    "jobs.detail.maxDuration": "Longest",
    "jobs.detail.succeeded": "Succeeded",
    "jobs.detail.failed": "Failed or interrupted",
    "jobs.detail.historySummary":
      "{runs, plural, one {# run} other {# runs}} in this range, {failed} of them failed.",
    "jobs.detail.runHistory": "Run history",
    "jobs.jobFilter": "Job",
    "jobs.allJobs": "All jobs",
    "jobs.retry": "Retry",
    "jobs.retryTitle": "Retry {title}?",
    "jobs.retryBody":
      "The job runs again at once. The new run refers to {id}; the start is kept in the audit trail.",
    "jobs.retryPending": "Another attempt of this run follows by itself.",
    "jobs.retryStarted": "{title} started again",
    "jobs.run.reason": "Reason",
    "jobs.run.retryOf": "Retry of",
    // The registered jobs, by name (codes.gen.json lists them)
    "jobs.job.session-cleanup.title": "Session Cleanup",
    "jobs.job.session-cleanup.description":
      "Removes expired, idle and signed-out sessions, API tokens expired or revoked more than 30 days ago, and sign-in throttles that have gone quiet.",
    "jobs.job.audit-verification.title": "Audit Verification",
    "jobs.job.audit-verification.description":
      "Recomputes the hash chain of the audit trail and fails, naming the first bad event, if an event was edited, deleted or reordered.",
    "jobs.job.server-sync.title": "Server Sync",
    "jobs.job.server-sync.description":
      "Pulls every provider connection — status, metrics, disk usage and containers of the servers linked to it — concurrently and each within its own timeout; records failures per server and connection.",
    "jobs.job.metrics-cleanup.title": "Metrics Cleanup",
    "jobs.job.metrics-cleanup.description":
      "Removes server and container metrics older than the retention period (LEITSTAND_METRICS_RETENTION, 30 days by default).",
    "jobs.job.billing-run.title": "Daily Billing",
    "jobs.job.billing-run.description":
      "Bills every organization whose billing date has come: one invoice per organization and period, for the coming period in advance and the past one in arrears, numbered without gaps per issuer and year. The periods due come from the periods billed so far, so a run after days without one bills each missed period once, in order.",
    "jobs.job.invoice-delivery.title": "Invoice Delivery",
    "jobs.job.invoice-delivery.description":
      "E-mails each issued invoice and cancellation invoice with its PDF to the organization's billing address, through the issuer's SMTP settings. A temporary failure is tried again later (after 5 minutes, then longer, 8 attempts in about two days); a permanent one is left FAILED with the mail server's answer.",
    "jobs.job.overdue-check.title": "Overdue Check",
    "jobs.job.overdue-check.description":
      "Sets every issued invoice whose due date has passed in its issuer's calendar OVERDUE, each change audited. It works from the invoices' state, so a missed day is made up by the next run.",
    "jobs.job.payment-events.title": "Payment Events",
    "jobs.job.payment-events.description":
      "Processes again the providers' events whose processing failed, when their time has come (after 1, 5 and 30 minutes, then 2 and 12 hours, then daily), and those stored but not processed when the server stopped.",
    "jobs.job.payment-reconciliation.title": "Payment Reconciliation",
    "jobs.job.payment-reconciliation.description":
      "Asks Stripe and Mollie for the state of every payment still pending an hour after it was asked for, so a webhook that never arrived changes nothing in the end.",
    "jobs.job.dunning.title": "Dunning",
    "jobs.job.dunning.description":
      "Chases overdue invoices once a day: writes each level's notice (payment reminder, 1st and 2nd notice) whose day has come in its issuer's calendar, in order and once per invoice, and bills a level's fee on an invoice of its own. Invoices paid or cancelled get no further notice; organizations on hold are left out until their hold ends.",
    "jobs.job.dunning-delivery.title": "Dunning Delivery",
    "jobs.job.dunning-delivery.description":
      "E-mails each queued dunning notice with its PDF letter to the organization's billing address, through the issuer's SMTP settings. A temporary failure is tried again later; a permanent one is left FAILED with the mail server's answer. A notice whose invoice was paid or cancelled before it went out is withdrawn.",
    "jobs.job.trial-reverts.title": "Trial Reverts",
    "jobs.job.trial-reverts.description":
      "Ends every reverse trial whose month is over: the organization is back on its own plan's tier (its contract, and every invoice, stayed on it throughout). Each trial is reverted once.",
    "jobs.job.referral-commissions.title": "Referral Commissions",
    "jobs.job.referral-commissions.description":
      "Books each partner's commission on every invoice its referred organizations paid in full, and claws back the commission of an invoice cancelled since. Each invoice is booked once.",
    "jobs.job.licence-expiry.title": "Licence Expiry",
    "jobs.job.licence-expiry.description":
      "Tells an organization's admins in the portal, and staff by an order, when a training licence of one of its people expires within 30 days and when it has expired: once per licence and kind, so a missed day is made up by the next run.",
    "jobs.job.webhook-delivery.title": "Webhook Delivery",
    "jobs.job.webhook-delivery.description":
      "Turns the changes of the audit trail into events for the webhook endpoints subscribed to them, and sends the deliveries that are due, retrying failed ones with backoff (1m, 5m, 30m, 2h, 6h, 12h, 24h).",
    "jobs.job.webhook-log-cleanup.title": "Webhook Log Cleanup",
    "jobs.job.webhook-log-cleanup.description":
      "Removes the webhook deliveries that succeeded or failed more than 90 days ago, and the events no delivery refers to any more; deliveries still being retried stay.",
    "jobs.job.webhook-cleanup.title": "Webhook Cleanup",
    "jobs.job.webhook-cleanup.description":
      "Removes the providers' events processed more than 90 days ago. Failed and flagged events stay until they are processed.",
    "jobs.job.plan-transitions.title": "Plan Transitions",
    "jobs.job.plan-transitions.description":
      "Takes every scheduled move to another plan whose start date has come in its organization's calendar: the old contract ends and the new one becomes active. The billing run takes a change due on its day itself, so that day's invoice is on the new plan either way.",
    "jobs.job.service-decommission.title": "Service Decommission",
    "jobs.job.service-decommission.description":
      "Takes down every service whose scheduled decommission is due: stops its primary containers, unlinks its containers and sets it DECOMMISSIONED, with the logbook. A service whose primary container cannot be stopped is postponed to the next run, and the run fails naming it.",
    "jobs.job.storage-cleanup.title": "Storage Cleanup",
    "jobs.job.storage-cleanup.description":
      "Removes stored files (catalog icons) that nothing refers to any more; an upload is kept for a day, so a form can still be saved with it.",
    "jobs.job.usage-snapshot.title": "Daily Traffic",
    "jobs.job.usage-snapshot.description":
      "Measures the day that just ended (UTC) for every organization and workspace: the disk use of the containers linked to their service instances that are not decommissioned. A rerun of the day updates the same snapshots; days missed while no server ran are not made up, as their disk use is not known afterwards.",
    "jobs.job.usage-monthly-reset.title": "Monthly Reset",
    "jobs.job.usage-monthly-reset.description":
      "Starts every organization's usage counters of the new month at zero. The counters of the months before stay as they were: nothing is lost.",
    "jobs.job.usage-reports-monthly.title": "Monthly Usage Reports",
    "jobs.job.usage-reports-monthly.description":
      "Stores the usage report of the month that has ended for every billing entity: services, servers, storage, traffic, support hours and net revenue of its organizations. Months a run missed are filled in, up to twelve back; a month stored is never computed again.",
    "jobs.job.usage-cleanup.title": "Cleanup Snapshots",
    "jobs.job.usage-cleanup.description":
      "Removes the usage snapshots and reported usage events older than the retention (the current month and the 14 before it), so that a year's look back of reports and invoices stays complete.",
    // What runs did, by summary code (codes.gen.json lists them)
    "jobs.summary.sessions-removed":
      "removed {sessions, plural, one {# expired session} other {# expired sessions}}, {tokens, plural, one {# expired API token} other {# expired API tokens}} and {throttles, plural, one {# sign-in throttle} other {# sign-in throttles}}",
    "jobs.summary.audit-chain-intact":
      "audit chain intact: {events, plural, one {# event} other {# events}} verified",
    "jobs.summary.audit-events-checked": "checked {events, plural, one {# event} other {# events}}",
    "jobs.summary.servers-synced":
      "synced {connections, plural, one {# connection} other {# connections}} ({failed_connections} failing): {servers, plural, one {# server} other {# servers}}, {containers, plural, one {# container} other {# containers}}, {samples, plural, one {# sample} other {# samples}} in {duration_ms}",
    "jobs.summary.metrics-removed":
      "removed {samples, plural, one {# sample} other {# samples}} older than {retention_ms}",
    "jobs.summary.invoices-delivered":
      "sent {sent, plural, one {# invoice} other {# invoices}}; {retrying} to try again, {failed} failed",
    "jobs.summary.invoices-overdue":
      "marked {marked, plural, one {# invoice} other {# invoices}} overdue",
    "jobs.summary.payment-events-retried":
      "processed {processed, plural, one {# event} other {# events}} again; {failed} failed again",
    "jobs.summary.payments-reconciled":
      "asked about {asked, plural, one {# pending payment} other {# pending payments}}: {changed} had moved on; {failed} could not be asked, {unset} have no account set up",
    "jobs.summary.dunning-run":
      "wrote {reminders, plural, one {# payment reminder} other {# payment reminders}}, {first} first and {second} second notices; billed {fees, plural, one {# fee} other {# fees}}; {held, plural, one {# invoice} other {# invoices}} on hold",
    "jobs.summary.dunning-notices-delivered":
      "sent {sent, plural, one {# notice} other {# notices}}; {retrying} to try again, {failed} failed, {withdrawn} withdrawn",
    "jobs.summary.payment-events-removed":
      "removed {removed, plural, one {# processed event} other {# processed events}}",
    "jobs.summary.trials-reverted": "reverted {reverted, plural, one {# trial} other {# trials}}",
    "jobs.summary.webhook-log-removed":
      "removed {deliveries, plural, one {# webhook delivery} other {# webhook deliveries}} and {events, plural, one {# event} other {# events}}",
    "jobs.summary.webhooks-sent":
      "queued {events, plural, one {# event} other {# events}} in {deliveries, plural, one {# delivery} other {# deliveries}}; {delivered} delivered, {retrying} to retry, {failed} failed",
    "jobs.summary.licences-noticed":
      "noticed {expiring, plural, one {# licence} other {# licences}} expiring and {expired} expired, with {tasks, plural, one {# task} other {# tasks}}",
    "jobs.summary.commissions-booked":
      "booked {commissions, plural, one {# commission} other {# commissions}} and {clawbacks, plural, one {# clawback} other {# clawbacks}}",
    "jobs.summary.invoices-issued":
      "looked at {organizations, plural, one {# organization} other {# organizations}}: issued {invoices, plural, one {# invoice} other {# invoices}}, {empty} periods had nothing to charge, {skipped} were billed already, {failed} failed; rendered {pdfs, plural, one {# PDF} other {# PDFs}}",
    "jobs.summary.plan-transitions-taken":
      "took {taken, plural, one {# plan change} other {# plan changes}}; {waiting, plural, one {# waits} other {# wait}} for its day",
    "jobs.summary.services-decommissioned":
      "decommissioned {decommissioned, plural, one {# service} other {# services}}, stopped {stopped, plural, one {# container} other {# containers}}, postponed {postponed}",
    "jobs.summary.stored-files-removed":
      "removed {removed} of {files, plural, one {# stored file} other {# stored files}} ({bytes} bytes) that nothing refers to; kept {recent, plural, one {# recent upload} other {# recent uploads}}",
    "jobs.summary.usage-snapshot-taken":
      "measured {day}: {written, plural, one {# snapshot} other {# snapshots}} written, {unchanged} unchanged",
    "jobs.summary.usage-counters-started":
      "started {started, plural, one {# counter} other {# counters}} of {month}; {kept, plural, one {# counter} other {# counters}} of earlier months kept",
    "jobs.summary.usage-reports-stored":
      "stored {stored, plural, one {# usage report} other {# usage reports}} up to {month}; {kept} stored before",
    "jobs.summary.usage-snapshots-removed":
      "removed {snapshots, plural, one {# snapshot} other {# snapshots}} and {events, plural, one {# reported event} other {# reported events}} of days before {before}",
    "jobs.count.one": "{count} job",
    "jobs.count.other": "{count} jobs",
    "jobs.count.showing": "Showing {shown} of {total} jobs",
    "jobs.runs.count.one": "{count} run",
    "jobs.runs.count.other": "{count} runs",
    "jobs.runs.count.showing": "Showing {shown} of {total} runs",
  },
  de: {
    // Jobs
    "jobs.title": "Jobs",
    "jobs.description":
      "Die Hintergrund-Jobs der Plattform: wann sie laufen und wie ihre Läufe ausgingen.",
    "jobs.col.job": "Job",
    "jobs.col.schedule": "Zeitplan",
    "jobs.col.nextRun": "Nächster Lauf",
    "jobs.col.lastRun": "Letzter Lauf",
    "jobs.col.last7Days": "Letzte 7 Tage",
    "jobs.successRate": "{rate} erfolgreich",
    "jobs.stats": "{runs} Läufe · Ø {duration}",
    "jobs.stats.one": "1 Lauf · {duration}",
    "jobs.noRuns": "Keine Läufe",
    "jobs.neverRan": "Noch nie gelaufen",
    "jobs.empty": "Es sind keine Jobs registriert.",
    "jobs.catchUp":
      "Ein Lauf, der verpasst wurde, weil kein Server lief, wird beim nächsten Start nachgeholt.",
    "jobs.runNow": "Jetzt ausführen",
    "jobs.runNowTitle": "{title} jetzt ausführen?",
    "jobs.runNowBody":
      "Der Job läuft sofort, außerhalb seines Zeitplans. Der Start wird im Audit-Log festgehalten.",
    "jobs.runNowRunning": "Dieser Job läuft gerade.",
    "jobs.runStarted": "{title} gestartet",
    "jobs.runs.title": "Letzte Läufe",
    "jobs.runs.empty": "Keine passenden Läufe.",
    "jobs.outcomeFilter": "Ergebnis",
    "jobs.outcome.RUNNING": "Läuft",
    "jobs.outcome.SUCCEEDED": "Erfolgreich",
    "jobs.outcome.FAILED": "Fehlgeschlagen",
    "jobs.outcome.INTERRUPTED": "Abgebrochen",
    "jobs.outcome.UNSPECIFIED": "Unbekannt",
    "jobs.trigger.SCHEDULE": "Zeitplan",
    "jobs.trigger.CATCH_UP": "Nachgeholt",
    "jobs.trigger.MANUAL": "Manuell",
    "jobs.trigger.UNSPECIFIED": "Unbekannt",
    "jobs.col.trigger": "Auslöser",
    "jobs.col.attempt": "Versuch",
    "jobs.col.start": "Gestartet",
    "jobs.col.duration": "Dauer",
    "jobs.col.outcome": "Ergebnis",
    "jobs.col.summary": "Zusammenfassung",
    "jobs.col.triggeredBy": "Ausgelöst von",
    "jobs.run.title": "Lauf von {title}",
    "jobs.run.job": "Job",
    "jobs.run.end": "Beendet",
    "jobs.run.scheduledTime": "Geplant für",
    "jobs.run.retryTime": "Nächster Versuch",
    "jobs.run.replica": "Replikat",
    "jobs.run.error": "Fehler (Servermeldung, englisch)",
    "jobs.run.notFound": "Diesen Lauf gibt es nicht.",
    "jobs.run.attemptOf": "Versuch {attempt}",
    "jobs.detail.notFound": "Diesen Job gibt es nicht.",
    "jobs.detail.history": "Verlauf",
    "jobs.detail.range": "Zeitraum",
    "jobs.detail.range.24h": "24 Std.",
    "jobs.detail.range.7d": "7 Tage",
    "jobs.detail.range.30d": "30 Tage",
    "jobs.detail.durationChart": "Dauer",
    "jobs.detail.runsChart": "Läufe",
    "jobs.detail.averageDuration": "Durchschnitt",
    "jobs.detail.maxDuration": "Längster Lauf",
    "jobs.detail.succeeded": "Erfolgreich",
    "jobs.detail.failed": "Fehlgeschlagen oder abgebrochen",
    "jobs.detail.historySummary":
      "{runs, plural, one {# Lauf} other {# Läufe}} in diesem Zeitraum, davon {failed} fehlgeschlagen.",
    "jobs.detail.runHistory": "Läufe",
    "jobs.jobFilter": "Job",
    "jobs.allJobs": "Alle Jobs",
    "jobs.retry": "Wiederholen",
    "jobs.retryTitle": "{title} wiederholen?",
    "jobs.retryBody":
      "Der Job läuft sofort noch einmal. Der neue Lauf verweist auf {id}; der Start wird im Audit-Log festgehalten.",
    "jobs.retryPending": "Ein weiterer Versuch dieses Laufs folgt von selbst.",
    "jobs.retryStarted": "{title} erneut gestartet",
    "jobs.run.reason": "Grund",
    "jobs.run.retryOf": "Wiederholung von",
    // The registered jobs, by name (codes.gen.json lists them)
    "jobs.job.session-cleanup.title": "Sitzungsbereinigung",
    "jobs.job.session-cleanup.description":
      "Entfernt abgelaufene, untätige und abgemeldete Sitzungen, API-Tokens, die vor mehr als 30 Tagen abgelaufen sind oder widerrufen wurden, und Anmeldesperren, die nicht mehr greifen.",
    "jobs.job.audit-verification.title": "Audit-Prüfung",
    "jobs.job.audit-verification.description":
      "Berechnet die Hash-Kette des Audit-Logs neu und schlägt fehl, wenn ein Ereignis geändert, gelöscht oder umsortiert wurde; der Fehler nennt das erste betroffene Ereignis.",
    "jobs.job.server-sync.title": "Server-Sync",
    "jobs.job.server-sync.description":
      "Fragt alle Anbieter-Verbindungen ab — Status, Metriken, Plattenbelegung und Container der verknüpften Server —, gleichzeitig und jede mit eigenem Zeitlimit; hält Fehler je Server und Verbindung fest.",
    "jobs.job.metrics-cleanup.title": "Metrik-Bereinigung",
    "jobs.job.metrics-cleanup.description":
      "Entfernt Server- und Container-Metriken, die älter als die Aufbewahrungsfrist sind (LEITSTAND_METRICS_RETENTION, standardmäßig 30 Tage).",
    "jobs.job.billing-run.title": "Tägliche Abrechnung",
    "jobs.job.billing-run.description":
      "Rechnet jede Organisation ab, deren Abrechnungstag gekommen ist: eine Rechnung je Organisation und Zeitraum, im Voraus für den kommenden und nachträglich für den vergangenen Zeitraum, lückenlos nummeriert je Rechnungssteller und Jahr. Welche Zeiträume fällig sind, ergibt sich aus den bisher abgerechneten; ein Lauf nach Tagen ohne Lauf rechnet so jeden versäumten Zeitraum genau einmal ab, der Reihe nach.",
    "jobs.job.invoice-delivery.title": "Rechnungsversand",
    "jobs.job.invoice-delivery.description":
      "Versendet jede gestellte Rechnung und Stornorechnung mit ihrem PDF per E-Mail an die Rechnungsadresse der Organisation, über die SMTP-Einstellungen des Rechnungsstellers. Nach einem vorübergehenden Fehler wird es später erneut versucht (nach 5 Minuten, dann seltener, 8 Versuche in etwa zwei Tagen); nach einem dauerhaften bleibt der Versand FEHLGESCHLAGEN mit der Antwort des Mailservers.",
    "jobs.job.overdue-check.title": "Prüfung überfälliger Rechnungen",
    "jobs.job.overdue-check.description":
      "Setzt jede gestellte Rechnung, deren Fälligkeit im Kalender ihres Rechnungsstellers verstrichen ist, auf ÜBERFÄLLIG, jede Änderung protokolliert. Sie arbeitet vom Stand der Rechnungen aus; ein versäumter Tag wird beim nächsten Lauf nachgeholt.",
    "jobs.job.payment-events.title": "Zahlungsereignisse",
    "jobs.job.payment-events.description":
      "Verarbeitet Ereignisse der Zahlungsanbieter erneut, deren Verarbeitung fehlschlug, sobald es Zeit ist (nach 1, 5 und 30 Minuten, dann 2 und 12 Stunden, dann täglich), sowie gespeicherte, die beim Anhalten des Servers unverarbeitet blieben.",
    "jobs.job.payment-reconciliation.title": "Zahlungsabgleich",
    "jobs.job.payment-reconciliation.description":
      "Fragt Stripe und Mollie nach dem Stand jeder Zahlung, die eine Stunde nach der Anforderung noch aussteht, damit ein verlorener Webhook am Ende nichts ändert.",
    "jobs.job.dunning.title": "Mahnlauf",
    "jobs.job.dunning.description":
      "Mahnt überfällige Rechnungen einmal täglich: schreibt jede Mahnstufe (Zahlungserinnerung, 1. und 2. Mahnung), deren Tag im Kalender des Rechnungsstellers gekommen ist, der Reihe nach und je Rechnung einmal, und stellt die Gebühr einer Stufe mit einer eigenen Rechnung in Rechnung. Bezahlte oder stornierte Rechnungen werden nicht weiter gemahnt; Organisationen mit Mahnsperre bleiben bis zu deren Ende außen vor.",
    "jobs.job.dunning-delivery.title": "Mahnversand",
    "jobs.job.dunning-delivery.description":
      "Versendet jedes wartende Mahnschreiben mit seinem PDF per E-Mail an die Rechnungsadresse der Organisation, über die SMTP-Einstellungen des Rechnungsstellers. Nach einem vorübergehenden Fehler wird es später erneut versucht; nach einem dauerhaften bleibt der Versand FEHLGESCHLAGEN mit der Antwort des Mailservers. Ein Mahnschreiben, dessen Rechnung vor dem Versand bezahlt oder storniert wurde, wird zurückgezogen.",
    "jobs.job.trial-reverts.title": "Testphasen-Ende",
    "jobs.job.trial-reverts.description":
      "Beendet jede Testphase im Top-Paket, deren Monat vorbei ist: Die Organisation hat wieder das Paket ihres Vertrags, auf dem der Vertrag und jede Rechnung die ganze Zeit blieben. Jede Testphase wird einmal beendet.",
    "jobs.job.referral-commissions.title": "Empfehlungsprovisionen",
    "jobs.job.referral-commissions.description":
      "Bucht jedem Partner die Provision auf jede Rechnung, die eine von ihm empfohlene Organisation vollständig bezahlt hat, und bucht die Provision einer seither stornierten Rechnung zurück. Jede Rechnung wird einmal gebucht.",
    "jobs.job.licence-expiry.title": "Lizenzablauf",
    "jobs.job.licence-expiry.description":
      "Benachrichtigt die Admins einer Organisation im Portal und das Team per Auftrag, wenn eine Schulungslizenz einer ihrer Personen binnen 30 Tagen abläuft und wenn sie abgelaufen ist: je Lizenz und Anlass einmal, sodass ein verpasster Tag beim nächsten Lauf nachgeholt wird.",
    "jobs.job.webhook-delivery.title": "Webhook-Zustellung",
    "jobs.job.webhook-delivery.description":
      "Macht aus den Änderungen im Audit-Protokoll Ereignisse für die Webhook-Endpunkte, die sie abonniert haben, und sendet die fälligen Zustellungen; fehlgeschlagene werden mit wachsendem Abstand wiederholt (1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 24 h).",
    "jobs.job.webhook-log-cleanup.title": "Webhook-Protokoll bereinigen",
    "jobs.job.webhook-log-cleanup.description":
      "Entfernt die Webhook-Zustellungen, die vor mehr als 90 Tagen zugestellt wurden oder endgültig fehlgeschlagen sind, und die Ereignisse, auf die keine Zustellung mehr verweist; Zustellungen, die noch wiederholt werden, bleiben.",
    "jobs.job.webhook-cleanup.title": "Webhook-Bereinigung",
    "jobs.job.webhook-cleanup.description":
      "Entfernt Ereignisse der Zahlungsanbieter, die vor mehr als 90 Tagen verarbeitet wurden. Fehlgeschlagene und markierte bleiben, bis sie verarbeitet sind.",
    "jobs.job.plan-transitions.title": "Tarifwechsel",
    "jobs.job.plan-transitions.description":
      "Vollzieht jeden geplanten Wechsel in einen anderen Tarif, dessen Starttag im Kalender seiner Organisation gekommen ist: Der alte Vertrag endet, der neue wird aktiv. Der Abrechnungslauf vollzieht einen an seinem Tag fälligen Wechsel selbst, sodass die Rechnung dieses Tages in jedem Fall schon den neuen Tarif trägt.",
    "jobs.job.service-decommission.title": "Service-Stilllegung",
    "jobs.job.service-decommission.description":
      "Legt jeden Service still, dessen geplante Stilllegung fällig ist: stoppt seine primären Container, löst seine Container und setzt ihn auf STILLGELEGT, mit Eintrag im Logbuch. Ein Service, dessen primärer Container sich nicht stoppen lässt, wird auf den nächsten Lauf verschoben, und der Lauf schlägt fehl und nennt ihn.",
    "jobs.job.storage-cleanup.title": "Speicher-Bereinigung",
    "jobs.job.storage-cleanup.description":
      "Entfernt gespeicherte Dateien (Katalog-Icons), auf die nichts mehr verweist; ein Upload bleibt einen Tag liegen, damit ein Formular noch damit gespeichert werden kann.",
    "jobs.job.usage-snapshot.title": "Täglicher Verbrauch",
    "jobs.job.usage-snapshot.description":
      "Misst für jede Organisation und jeden Workspace den eben vergangenen Tag (UTC): den Plattenplatz der Container, die mit ihren nicht stillgelegten Services verknüpft sind. Ein zweiter Lauf desselben Tages aktualisiert dieselben Messungen; Tage, an denen kein Server lief, werden nicht nachgeholt, da ihr Plattenplatz danach nicht mehr bekannt ist.",
    "jobs.job.usage-monthly-reset.title": "Monatlicher Neustart",
    "jobs.job.usage-monthly-reset.description":
      "Beginnt die Verbrauchszähler jeder Organisation für den neuen Monat bei null. Die Zähler der Vormonate bleiben, wie sie waren: Es geht nichts verloren.",
    "jobs.job.usage-reports-monthly.title": "Monatliche Nutzungsberichte",
    "jobs.job.usage-reports-monthly.description":
      "Speichert für jeden Rechnungssteller den Nutzungsbericht des abgelaufenen Monats: Dienste, Server, Speicher, Traffic, Supportstunden und Nettoumsatz seiner Organisationen. Verpasste Monate werden nachgeholt, bis zu zwölf zurück; ein gespeicherter Monat wird nie neu berechnet.",
    "jobs.job.usage-cleanup.title": "Messungen aufräumen",
    "jobs.job.usage-cleanup.description":
      "Entfernt Verbrauchsmessungen und gemeldete Verbrauchsereignisse, die älter als die Aufbewahrungsfrist sind (der laufende Monat und die 14 davor), sodass der Rückblick über ein Jahr in Berichten und Rechnungen vollständig bleibt.",
    // What runs did, by summary code (codes.gen.json lists them)
    "jobs.summary.sessions-removed":
      "{sessions, plural, one {# abgelaufene Sitzung} other {# abgelaufene Sitzungen}}, {tokens, plural, one {# abgelaufenes API-Token} other {# abgelaufene API-Tokens}} und {throttles, plural, one {# Anmeldesperre} other {# Anmeldesperren}} entfernt",
    "jobs.summary.audit-chain-intact":
      "Audit-Kette intakt: {events, plural, one {# Ereignis} other {# Ereignisse}} geprüft",
    "jobs.summary.audit-events-checked":
      "{events, plural, one {# Ereignis} other {# Ereignisse}} geprüft",
    "jobs.summary.servers-synced":
      "{connections, plural, one {# Verbindung} other {# Verbindungen}} synchronisiert ({failed_connections} mit Fehlern): {servers, plural, one {# Server} other {# Server}}, {containers, plural, one {# Container} other {# Container}}, {samples, plural, one {# Messwert} other {# Messwerte}} in {duration_ms}",
    "jobs.summary.metrics-removed":
      "{samples, plural, one {# Messwert} other {# Messwerte}} älter als {retention_ms} entfernt",
    "jobs.summary.invoices-delivered":
      "{sent, plural, one {# Rechnung} other {# Rechnungen}} versendet; {retrying} erneut zu versuchen, {failed} fehlgeschlagen",
    "jobs.summary.invoices-overdue":
      "{marked, plural, one {# Rechnung} other {# Rechnungen}} als überfällig markiert",
    "jobs.summary.payment-events-retried":
      "{processed, plural, one {# Ereignis} other {# Ereignisse}} erneut verarbeitet; {failed} erneut fehlgeschlagen",
    "jobs.summary.payments-reconciled":
      "{asked, plural, one {# offene Zahlung} other {# offene Zahlungen}} abgefragt: {changed} weitergekommen; {failed} nicht abfragbar, {unset} ohne eingerichtetes Konto",
    "jobs.summary.dunning-run":
      "{reminders, plural, one {# Zahlungserinnerung} other {# Zahlungserinnerungen}}, {first} erste und {second} zweite Mahnungen erstellt; {fees, plural, one {# Gebühr} other {# Gebühren}} in Rechnung gestellt; {held, plural, one {# Rechnung} other {# Rechnungen}} mit Mahnsperre",
    "jobs.summary.dunning-notices-delivered":
      "{sent, plural, one {# Mahnschreiben} other {# Mahnschreiben}} versendet; {retrying} erneut zu versuchen, {failed} fehlgeschlagen, {withdrawn} zurückgezogen",
    "jobs.summary.payment-events-removed":
      "{removed, plural, one {# verarbeitetes Ereignis} other {# verarbeitete Ereignisse}} entfernt",
    "jobs.summary.trials-reverted":
      "{reverted, plural, one {# Testphase} other {# Testphasen}} beendet",
    "jobs.summary.webhook-log-removed":
      "{deliveries, plural, one {# Webhook-Zustellung} other {# Webhook-Zustellungen}} und {events, plural, one {# Ereignis} other {# Ereignisse}} entfernt",
    "jobs.summary.webhooks-sent":
      "{events, plural, one {# Ereignis} other {# Ereignisse}} in {deliveries, plural, one {# Zustellung} other {# Zustellungen}} eingereiht; {delivered} zugestellt, {retrying} zu wiederholen, {failed} fehlgeschlagen",
    "jobs.summary.licences-noticed":
      "{expiring, plural, one {# bald ablaufende Lizenz} other {# bald ablaufende Lizenzen}} und {expired} abgelaufene gemeldet, mit {tasks, plural, one {# Auftrag} other {# Aufträgen}}",
    "jobs.summary.commissions-booked":
      "{commissions, plural, one {# Provision} other {# Provisionen}} und {clawbacks, plural, one {# Rückbuchung} other {# Rückbuchungen}} gebucht",
    "jobs.summary.invoices-issued":
      "{organizations, plural, one {# Organisation} other {# Organisationen}} geprüft: {invoices, plural, one {# Rechnung} other {# Rechnungen}} gestellt, {empty} Zeiträume ohne Beträge, {skipped} bereits abgerechnet, {failed} fehlgeschlagen; {pdfs, plural, one {# PDF} other {# PDFs}} erzeugt",
    "jobs.summary.plan-transitions-taken":
      "{taken, plural, one {# Tarifwechsel} other {# Tarifwechsel}} vollzogen; {waiting, plural, one {# wartet} other {# warten}} auf seinen Tag",
    "jobs.summary.services-decommissioned":
      "{decommissioned, plural, one {# Service} other {# Services}} stillgelegt, {stopped, plural, one {# Container} other {# Container}} gestoppt, {postponed} verschoben",
    "jobs.summary.stored-files-removed":
      "{removed} von {files, plural, one {# gespeicherten Datei} other {# gespeicherten Dateien}} ({bytes} Bytes) entfernt, auf die nichts verweist; {recent, plural, one {# neuer Upload} other {# neue Uploads}} behalten",
    "jobs.summary.usage-snapshot-taken":
      "{day} gemessen: {written, plural, one {# Messung} other {# Messungen}} geschrieben, {unchanged} unverändert",
    "jobs.summary.usage-counters-started":
      "{started, plural, one {# Zähler} other {# Zähler}} für {month} begonnen; {kept, plural, one {# Zähler} other {# Zähler}} früherer Monate behalten",
    "jobs.summary.usage-reports-stored":
      "{stored, plural, one {# Nutzungsbericht} other {# Nutzungsberichte}} bis {month} gespeichert; {kept} schon gespeichert",
    "jobs.summary.usage-snapshots-removed":
      "{snapshots, plural, one {# Messung} other {# Messungen}} und {events, plural, one {# gemeldetes Ereignis} other {# gemeldete Ereignisse}} von Tagen vor {before} entfernt",
    "jobs.count.one": "{count} Job",
    "jobs.count.other": "{count} Jobs",
    "jobs.count.showing": "{shown} von {total} Jobs angezeigt",
    "jobs.runs.count.one": "{count} Lauf",
    "jobs.runs.count.other": "{count} Läufe",
    "jobs.runs.count.showing": "{shown} von {total} Läufen angezeigt",
  },
});
