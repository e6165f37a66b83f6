import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of the shared preview of a change's effect on an account (the
 * next invoice and the MRR, before and after), as the server computes it
 * for a discount, an approved upgrade, …
 */
export const effect = dictionary({
  en: {
    "effect.nextInvoice": "Next invoice (on {date})",
    "effect.noInvoice": "No next invoice: the account is not billed.",
    "effect.mrr": "MRR",
    "effect.failed": "The effect could not be computed: {message}",
    "effect.fix": "see the marked fields.",
  },
  de: {
    "effect.nextInvoice": "Nächste Rechnung (am {date})",
    "effect.noInvoice": "Keine nächste Rechnung: Das Konto wird nicht abgerechnet.",
    "effect.mrr": "MRR",
    "effect.failed": "Die Wirkung ließ sich nicht berechnen: {message}",
    "effect.fix": "siehe die markierten Felder.",
  },
});
