import { dictionary } from "@/lib/i18n/dictionary";

/**
 * The texts of the shared chart pieces: what the figure beside a chart's
 * title is, and a chart without data.
 */
export const charts = dictionary({
  en: {
    "chart.latest": "latest",
    "chart.averageOverRange": "average over the range",
    "chart.peakOverRange": "peak in the range",
    "chart.totalOverRange": "in the range",
    "chart.noData": "No data in this range.",
  },
  de: {
    "chart.latest": "zuletzt",
    "chart.averageOverRange": "Mittel über den Zeitraum",
    "chart.peakOverRange": "Spitze im Zeitraum",
    "chart.totalOverRange": "im Zeitraum",
    "chart.noData": "Keine Daten in diesem Zeitraum.",
  },
});
