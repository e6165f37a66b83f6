import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of the shared preview of a change's effect (EffectPreview):
 * what a change to an account does to its next invoice and its MRR, as
 * the server computed it.
 */
export const effects = dictionary({
  en: {
    "effect.title": "What it does",
    "effect.pending": "The effect shows here once the form is complete.",
    "effect.failed": "The effect could not be computed: {message}",
    "effect.fix": "see the marked fields.",
    "effect.next": "Next invoice (on {date})",
    "effect.noInvoice": "No next invoice: the account is not billed.",
    "effect.mrr": "MRR",
    "effect.mrrFrom": "MRR (from {date})",
    "effect.hint": "Computed by the server as the billing run would; nothing is changed yet.",
  },
  de: {
    "effect.title": "Was es bewirkt",
    "effect.pending": "Die Wirkung erscheint hier, sobald das Formular vollständig ist.",
    "effect.failed": "Die Wirkung ließ sich nicht berechnen: {message}",
    "effect.fix": "siehe die markierten Felder.",
    "effect.next": "Nächste Rechnung (am {date})",
    "effect.noInvoice": "Keine nächste Rechnung: Das Konto wird nicht abgerechnet.",
    "effect.mrr": "MRR",
    "effect.mrrFrom": "MRR (ab {date})",
    "effect.hint": "Vom Server berechnet wie im Abrechnungslauf; noch ist nichts geändert.",
  },
});
