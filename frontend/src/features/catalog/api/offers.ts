import { useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { useMemo } from "react";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import {
  BillingEntityKind,
  type BillingEntity,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { CatalogService } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { ServiceInstanceService } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import { useBillingEntityChoices } from "@/lib/billing-entities";
import { useCaller } from "@/lib/auth";
import { useChange } from "@/lib/queries";
import { offersFilter, type OffersSearch } from "../offers";

/**
 * The billing entities as the catalog's pages need them: all of them for
 * the licensee's staff (who see whose an item or an offer is, filter by it
 * and choose it), the caller's own for a reseller's staff.
 */
export interface CatalogEntities {
  /** The entities the caller sees; empty without BILLING_ENTITIES_READ. */
  all: BillingEntity[];
  /** The licensee's entity, when the caller sees it. */
  licensee: BillingEntity | undefined;
  /** The resellers the caller sees. */
  resellers: BillingEntity[];
  /** Whether the caller is the licensee's staff, who see and choose among several entities. */
  seesSeveral: boolean;
  /** An entity's name by its id (the id itself when unknown). */
  name: (id: string) => string;
}

export function useCatalogEntities(): CatalogEntities {
  const caller = useCaller();
  const all = useBillingEntityChoices();
  return useMemo(() => {
    const names = new Map(all.map((e) => [e.id, e.name]));
    return {
      all,
      licensee: all.find((e) => e.kind === BillingEntityKind.LICENSEE),
      resellers: all.filter((e) => e.kind === BillingEntityKind.RESELLER),
      seesSeveral: caller.billingEntityId === "" && all.length > 1,
      name: (id: string) => names.get(id) ?? id,
    };
  }, [all, caller.billingEntityId]);
}

/** useOffers lists the offers the caller sees with the URL's filters, by item name. */
export function useOffers(search: OffersSearch) {
  return useQuery(CatalogService.method.listProductOffers, offersFilter(search), {
    placeholderData: keepPreviousData,
  });
}

/** useItemOffers lists the offers of one item (the item's page: who resells it, at what margin). */
export function useItemOffers(catalogItemId: string, enabled = true) {
  return useQuery(
    CatalogService.method.listProductOffers,
    { catalogItemId, retired: false },
    { enabled: enabled && catalogItemId !== "" },
  );
}

export function useOffer(id: string) {
  return useQuery(CatalogService.method.getProductOffer, { id }, { enabled: id !== "" });
}

/**
 * useOfferableItems lists the licensee's items in the catalog, the ones a
 * reseller may offer: a reseller's staff read the licensee's items and
 * their own, the licensee's staff every entity's.
 */
export function useOfferableItems(licenseeId: string | undefined) {
  const caller = useCaller();
  const query = useQuery(CatalogService.method.listCatalogItems, {
    pageSize: 500,
    filter: { retired: false, billingEntityId: licenseeId ?? "" },
    orderBy: "name",
  });
  const items = useMemo(
    () =>
      (query.data?.items ?? []).filter(
        (i) => caller.billingEntityId === "" || i.billingEntityId !== caller.billingEntityId,
      ),
    [query.data, caller.billingEntityId],
  );
  return { ...query, items };
}

/** A change to an offer shows in the offers, the catalog, what can be booked and the audit log. */
const offerChanges = [CatalogService, ServiceInstanceService, AuditService];

export function useCreateOffer() {
  return useChange(CatalogService.method.createProductOffer, offerChanges);
}

export function useUpdateOffer() {
  return useChange(CatalogService.method.updateProductOffer, offerChanges);
}

export function useRetireOffer() {
  return useChange(CatalogService.method.retireProductOffer, offerChanges);
}
