import { useQuery } from "@connectrpc/connect-query";
import {
  BillingEntityService,
  type BillingEntity,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { Permission, usePermission } from "@/lib/auth";

const none: BillingEntity[] = [];

/**
 * useBillingEntityChoices lists the billing entities the caller sees, to
 * name them and choose among them (a list's owner column and filter, a
 * form's owner): every entity for the licensee's staff, a reseller's own
 * for its staff. Empty without BILLING_ENTITIES_READ, and not asked for
 * while enabled is false.
 */
export function useBillingEntityChoices(enabled = true): BillingEntity[] {
  const canRead = usePermission(Permission.BILLING_ENTITIES_READ) && enabled;
  const query = useQuery(BillingEntityService.method.listBillingEntities, {}, { enabled: canRead });
  return canRead ? (query.data?.billingEntities ?? none) : none;
}
