/** The text areas of the account pages and of their actions' dialogs. */
export const accountTexts = [
  "accounts",
  "contracts",
  "effects",
  "invoices",
  "organizations",
  "partners",
  "payments",
] as const;
