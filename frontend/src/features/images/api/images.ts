import { useInfiniteQuery, useQuery } from "@connectrpc/connect-query";
import { keepPreviousData } from "@tanstack/react-query";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { ImageKind, ImageService } from "@leitstand/sdk/leitstand/admin/v1/image_service_pb.js";
import { Permission, useCaller, usePermission } from "@/lib/auth";
import { useChange } from "@/lib/queries";
import type { ImagesSearch } from "../search";

export const pageSize = 50;

/** The list's request of the URL's filters. */
export function listInput(search: ImagesSearch) {
  return {
    pageSize,
    pageToken: "",
    query: search.q,
    kind: search.kind === "" ? ImageKind.UNSPECIFIED : ImageKind[search.kind],
    billingEntityId: search.owner,
    sharedWithBillingEntityId: search.shared,
  };
}

/** useImages pages through the images the caller sees, by name. */
export function useImages(search: ImagesSearch) {
  return useInfiniteQuery(ImageService.method.listImages, listInput(search), {
    pageParamKey: "pageToken",
    getNextPageParam: (last) => last.nextPageToken || undefined,
    placeholderData: keepPreviousData,
  });
}

export function useImage(id: string) {
  return useQuery(ImageService.method.getImage, { id });
}

/**
 * useSharesImages says whether the caller shares images with billing
 * entities: the licensee's staff with IMAGES_MANAGE. A reseller's staff
 * (the caller names their billing entity) see who owns what is shared
 * with them, and share nothing.
 */
export function useSharesImages(): boolean {
  const canManage = usePermission(Permission.IMAGES_MANAGE);
  const caller = useCaller();
  return canManage && caller.billingEntityId === "";
}

/** useIsLicenseeStaff: the caller sees every billing entity's images. */
export function useIsLicenseeStaff(): boolean {
  return useCaller().billingEntityId === "";
}

/** A change to an image shows in its list, its page and the audit log. */
const changes = [ImageService, AuditService];

export function useCreateImage() {
  return useChange(ImageService.method.createImage, changes);
}

export function useUpdateImage() {
  return useChange(ImageService.method.updateImage, changes);
}

/**
 * useDeleteImage deletes an image; the caller refreshes the list once it
 * has left the deleted image's page (which would else be asked for again).
 */
export function useDeleteImage() {
  return useChange(ImageService.method.deleteImage, [AuditService]);
}

export function useShareImage() {
  return useChange(ImageService.method.shareImage, changes);
}

export function useUnshareImage() {
  return useChange(ImageService.method.unshareImage, changes);
}
