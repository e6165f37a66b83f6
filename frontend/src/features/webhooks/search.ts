import * as z from "zod/mini";
import { deliveryEventTypes, deliveryStatusNames } from "./names";

export const endpointSearchDefaults = { status: "", event: "", delivery: "" } as const;

/**
 * An endpoint's page keeps its delivery log's filters and the delivery
 * shown in the drawer in the URL: ?status=FAILED&event=ping&delivery=whd_….
 */
export const endpointSearchSchema = z.object({
  status: z.catch(z._default(z.enum(["", ...deliveryStatusNames]), ""), ""),
  event: z.catch(z._default(z.enum(["", ...deliveryEventTypes]), ""), ""),
  delivery: z.catch(z._default(z.string().check(z.regex(/^(whd_[0-9a-z]{26})?$/)), ""), ""),
});

export type EndpointSearch = z.infer<typeof endpointSearchSchema>;
