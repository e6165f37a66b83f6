import { create, toJson, type DescMethodUnary, type MessageInitShape } from "@bufbuild/protobuf";
import { apiBaseUrl } from "@/lib/transport";

/**
 * exportUrl is the address of a list's CSV export: the API exports any List
 * RPC at /api/export/<service>/<method>.csv, with the same request (its
 * filter and order) as JSON. Paging is the export's own business: the page
 * size and token are left out, so the file holds every matching row.
 */
export function exportUrl<M extends DescMethodUnary>(
  method: M,
  request: MessageInitShape<M["input"]>,
  baseUrl: string = apiBaseUrl(),
): string {
  const json = toJson(method.input, create(method.input, request)) as Record<string, unknown>;
  delete json.pageSize;
  delete json.pageToken;
  const path = `/api/export/${method.parent.typeName}/${method.name}.csv`;
  const query =
    Object.keys(json).length > 0 ? `?request=${encodeURIComponent(JSON.stringify(json))}` : "";
  return `${baseUrl.replace(/\/$/, "")}${path}${query}`;
}
