import { createContext, useContext } from "react";

/**
 * The billing entity whose settings and payment accounts the sections show
 * and change (be_…): empty for the caller's own. The licensee's staff name a
 * reseller's on its page; every request of the sections carries it.
 */
export const BillingEntityScope = createContext("");

/** useBillingEntityScope is the billing entity the settings' requests name. */
export function useBillingEntityScope(): string {
  return useContext(BillingEntityScope);
}
