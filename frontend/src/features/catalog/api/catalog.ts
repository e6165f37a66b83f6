import { useInfiniteQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { CatalogService } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { useChange } from "@/lib/queries";
import { catalogFilter, catalogSorts, type CatalogSearch } from "../search";

export const catalogPageSize = 50;

/** The list request of the URL's filters: the page's list and its CSV export. */
export function listInput(search: CatalogSearch) {
  return {
    pageSize: catalogPageSize,
    pageToken: "",
    filter: catalogFilter(search),
    orderBy: catalogSorts[search.sort],
  };
}

const paging = {
  pageParamKey: "pageToken",
  getNextPageParam: (last: { nextPageToken: string }) => last.nextPageToken || undefined,
} as const;

/** useCatalogList pages through the catalog with the URL's filters (server-side). */
export function useCatalogList(search: CatalogSearch) {
  return useInfiniteQuery(CatalogService.method.listCatalogItems, listInput(search), {
    ...paging,
    placeholderData: keepPreviousData,
  });
}

/** A change to the catalog shows in its list and in the audit log. */
const catalogChanges = [CatalogService, AuditService];

export function useCreateCatalogItem() {
  return useChange(CatalogService.method.createCatalogItem, catalogChanges);
}

export function useUpdateCatalogItem() {
  return useChange(CatalogService.method.updateCatalogItem, catalogChanges);
}

export function useRetireCatalogItem() {
  return useChange(CatalogService.method.retireCatalogItem, catalogChanges);
}

/** useUploadCatalogIcon stores an icon; nothing is shown differently until an item names it. */
export function useUploadCatalogIcon() {
  return useChange(CatalogService.method.uploadCatalogIcon, []);
}
