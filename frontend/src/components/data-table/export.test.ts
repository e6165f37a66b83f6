import { describe, expect, it } from "vitest";
import {
  OrganizationService,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { ServerService } from "@leitstand/sdk/leitstand/admin/v1/server_service_pb.js";
import { exportUrl } from "./export";

const requestOf = (url: string) => {
  const u = new URL(url);
  const raw = u.searchParams.get("request");
  return { path: u.pathname, origin: u.origin, request: raw === null ? null : JSON.parse(raw) };
};

describe("exportUrl", () => {
  it("sends the list's filter and order, without paging, to the list's export", () => {
    const url = exportUrl(
      OrganizationService.method.listOrganizations,
      {
        pageSize: 50,
        pageToken: "",
        filter: {
          query: "acme",
          statuses: [OrganizationStatus.ACTIVE, OrganizationStatus.SUSPENDED],
        },
        orderBy: "create_time desc",
      },
      "https://panel.example/",
    );
    expect(requestOf(url)).toEqual({
      origin: "https://panel.example",
      path: "/api/export/leitstand.admin.v1.OrganizationService/ListOrganizations.csv",
      request: {
        filter: {
          query: "acme",
          statuses: ["ORGANIZATION_STATUS_ACTIVE", "ORGANIZATION_STATUS_SUSPENDED"],
        },
        orderBy: "create_time desc",
      },
    });
  });

  it("leaves the request out when nothing narrows the list", () => {
    const url = exportUrl(
      ServerService.method.listServers,
      { pageSize: 50, pageToken: "" },
      "https://panel.example",
    );
    expect(requestOf(url).request).toBeNull();
  });
});
