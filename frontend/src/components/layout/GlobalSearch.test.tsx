import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { Permission } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { CatalogService } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  SearchKind,
  SearchService,
  type SearchHit,
} from "@leitstand/sdk/leitstand/admin/v1/search_service_pb.js";
import { aDeveloper, anOrganization, anOwner, aSearchHit } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const pixelwerk = aSearchHit({
  kind: SearchKind.ORGANIZATION,
  id: "org_0016",
  title: "Pixelwerk",
  subtitle: "Pixelwerk GmbH · DE136695976",
});
const anna = aSearchHit({
  kind: SearchKind.MEMBER,
  id: "usr_0042",
  title: "Anna Pixel",
  subtitle: "anna@pixelwerk.example",
});
const web = aSearchHit({
  kind: SearchKind.SERVER,
  id: "srv_0007",
  title: "pixel-web-01",
  subtitle: "10.20.30.40 · fsn1",
});
const nginx = aSearchHit({
  kind: SearchKind.CONTAINER,
  id: "ctr_0003",
  title: "pixel-nginx",
  subtitle: "pixel-web-01",
});
const proxmox = aSearchHit({
  kind: SearchKind.CONNECTION,
  id: "conn_0001",
  title: "Proxmox Pixel",
  subtitle: "Proxmox · https://pve.pixel.example:8006",
});
const nextcloud = aSearchHit({
  kind: SearchKind.CATALOG_ITEM,
  id: "cat_0005",
  title: "Nextcloud M",
  subtitle: "M · 89.00 EUR",
});
const cloud = aSearchHit({
  kind: SearchKind.SERVICE,
  id: "svc_0009",
  title: "Pixel Cloud",
  subtitle: "Pixelwerk · Nextcloud M",
});
const debian = aSearchHit({
  kind: SearchKind.IMAGE,
  id: "img_0004",
  title: "Debian Bookworm",
  subtitle: "Debian · 12.8",
});

/** The panel on the audit log, with the search answering from hits by query. */
function searchApi(hits: Record<string, SearchHit[]>, caller = anOwner()) {
  return cannedApi(
    signedIn(caller),
    answer(AuditService.method.listAuditEvents, { auditEvents: [] }),
    answerWith(SearchService.method.search, (request) => ({ hits: hits[request.query] ?? [] })),
    answer(OrganizationService.method.getOrganization, {
      organization: anOrganization({ id: "org_0016", name: "Pixelwerk" }),
    }),
  );
}

async function openSearch() {
  await screen.findByRole("heading", { name: "Audit log" });
  const user = userEvent.setup();
  await user.keyboard("/");
  const input = await screen.findByPlaceholderText("Search organizations, members, servers…");
  return { user, input };
}

describe("global search", () => {
  it("shows the hits of every kind grouped, and opens the one chosen", async () => {
    const api = searchApi({ pixel: [pixelwerk, web, anna, nginx, proxmox, cloud] });
    const { history } = renderApp("/audit", api);
    const { user, input } = await openSearch();
    await user.type(input, " pixel ");

    const results = screen.getByLabelText("Search results");
    await within(results).findByText("Pixelwerk");
    // Grouped by kind, the groups in the order of their best hit.
    const groups = within(results).getAllByRole("group");
    expect(groups.map((g) => g.getAttribute("aria-label"))).toEqual([
      "Organizations",
      "Servers",
      "Members",
      "Containers",
      "Connections",
      "Services",
    ]);
    expect(within(groups[2]!).getByText("Anna Pixel")).toBeInTheDocument();
    expect(within(results).getByText("10.20.30.40 · fsn1")).toBeInTheDocument();
    expect(within(results).getByText("Pixelwerk GmbH · DE136695976")).toBeInTheDocument();

    await user.click(within(groups[1]!).getByText("pixel-web-01"));
    await waitFor(() => expect(history.location.pathname).toBe("/servers/srv_0007"));
    expect(api.lastRequest(SearchService.method.search)).toMatchObject({ query: "pixel" });
  });

  it("selects the best hit, so Enter opens it", async () => {
    const api = searchApi({ org_0016: [pixelwerk] });
    const { history } = renderApp("/audit", api);
    const { user, input } = await openSearch();
    await user.type(input, "org_0016");
    const hit = (await screen.findByText("Pixelwerk")).closest("[data-action]");
    await waitFor(() => expect(hit).toHaveAttribute("data-selected"));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(history.location.pathname).toBe("/organizations/org_0016"));
  });

  it("opens a container in the containers page, and with Ctrl+K", async () => {
    const api = searchApi({ nginx: [nginx, web] });
    const { history } = renderApp("/audit", api);
    await screen.findByRole("heading", { name: "Audit log" });
    const user = userEvent.setup();
    await user.keyboard("{Control>}k{/Control}");
    const input = await screen.findByPlaceholderText("Search organizations, members, servers…");
    await user.type(input, "nginx");
    await screen.findByText("pixel-nginx");
    await waitFor(() =>
      expect(screen.getByText("pixel-nginx").closest("[data-action]")).toHaveAttribute(
        "data-selected",
      ),
    );
    await user.keyboard("{Enter}");
    await waitFor(() => expect(history.location.pathname).toBe("/containers"));
    expect(history.location.search).toContain("container=ctr_0003");
  });

  it("opens a service in its page", async () => {
    const api = searchApi({ cloud: [cloud, nextcloud] });
    const { history } = renderApp("/audit", api);
    const { user, input } = await openSearch();
    await user.type(input, "cloud");
    const results = screen.getByLabelText("Search results");
    const group = await within(results).findByRole("group", { name: "Services" });
    expect(within(group).getByText("Pixelwerk · Nextcloud M")).toBeInTheDocument();
    await user.click(within(group).getByText("Pixel Cloud"));
    await waitFor(() => expect(history.location.pathname).toBe("/services/svc_0009"));
  });

  it("opens an image in its page", async () => {
    const api = searchApi({ debian: [debian] });
    const { history } = renderApp("/audit", api);
    const { user, input } = await openSearch();
    await user.type(input, "debian");
    const results = screen.getByLabelText("Search results");
    const group = await within(results).findByRole("group", { name: "Images" });
    expect(within(group).getByText("Debian · 12.8")).toBeInTheDocument();
    await user.click(within(group).getByText("Debian Bookworm"));
    await waitFor(() => expect(history.location.pathname).toBe("/images/img_0004"));
  });

  it("is offered to staff who may read only the images", async () => {
    const api = searchApi(
      { debian: [debian] },
      aDeveloper({ permissions: [Permission.AUDIT_READ, Permission.IMAGES_READ] }),
    );
    renderApp("/audit", api);
    const { user, input } = await openSearch();
    await user.type(input, "debian");
    await within(screen.getByLabelText("Search results")).findByRole("group", { name: "Images" });
  });

  it("opens a catalog item in the catalog, filtered by its name, retired items too", async () => {
    const api = searchApi({ nextcloud: [nextcloud] });
    const { history } = renderApp("/audit", api);
    const { user, input } = await openSearch();
    await user.type(input, "nextcloud");
    const results = screen.getByLabelText("Search results");
    const group = await within(results).findByRole("group", { name: "Catalog items" });
    expect(within(group).getByText("M · 89.00 EUR")).toBeInTheDocument();
    await user.click(within(group).getByText("Nextcloud M"));
    await waitFor(() => expect(history.location.pathname).toBe("/catalog"));
    await waitFor(() =>
      expect(api.lastRequest(CatalogService.method.listCatalogItems)?.filter).toMatchObject({
        query: "Nextcloud M",
        retired: undefined,
      }),
    );
  });

  it("is offered to staff who may read only the catalog", async () => {
    const api = searchApi(
      { nextcloud: [nextcloud] },
      aDeveloper({ permissions: [Permission.AUDIT_READ, Permission.CATALOG_READ] }),
    );
    renderApp("/audit", api);
    const { user, input } = await openSearch();
    await user.type(input, "nextcloud");
    expect(await screen.findByText("Nextcloud M")).toBeInTheDocument();
  });

  it("says when nothing is found", async () => {
    const api = searchApi({});
    renderApp("/audit", api);
    const { user, input } = await openSearch();
    expect(screen.getByText("Type a name, an e-mail or IP address, or paste an id")).toBeVisible();
    await user.type(input, "zz");
    expect(await screen.findByText("Nothing found")).toBeInTheDocument();
  });

  it("speaks German", async () => {
    const api = searchApi({ pixel: [web, nextcloud, cloud] });
    renderApp("/audit", api, "de");
    await screen.findByRole("heading", { name: "Audit-Log" });
    const user = userEvent.setup();
    await user.keyboard("/");
    const input = await screen.findByPlaceholderText("Organisationen, Mitglieder, Server suchen…");
    await user.type(input, "pixel");
    const results = screen.getByLabelText("Suchergebnisse");
    expect(await within(results).findByRole("group", { name: "Server" })).toBeInTheDocument();
    expect(within(results).getByRole("group", { name: "Katalogeinträge" })).toBeInTheDocument();
    expect(within(results).getByRole("group", { name: "Services" })).toBeInTheDocument();
    expect(screen.getByText("↑ ↓ zum Auswählen, Enter zum Öffnen")).toBeInTheDocument();
  });

  it("is not offered to staff who may read nothing it finds", async () => {
    const api = searchApi({}, aDeveloper({ permissions: [Permission.AUDIT_READ] }));
    renderApp("/audit", api);
    await screen.findByRole("heading", { name: "Audit log" });
    expect(screen.queryByRole("button", { name: "Search" })).not.toBeInTheDocument();
    const user = userEvent.setup();
    await user.keyboard("/");
    expect(screen.queryByPlaceholderText("Search organizations, members, servers…")).toBeNull();
    expect(api.calls()).not.toContain("SearchService/Search");
  });
});
