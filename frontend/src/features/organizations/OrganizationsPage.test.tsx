import { Code, ConnectError } from "@connectrpc/connect";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import {
  OrganizationService,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import {
  aDeveloper,
  aMember,
  anOperator,
  anOrganization,
  anOrganizationMember,
  anOwner,
} from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const acme = anOrganization({ id: "org_0001", name: "Acme Hosting" });
const datenwerk = anOrganization({ id: "org_0004", name: "Datenwerk", legalName: "" });
const list = OrganizationService.method.listOrganizations;

describe("organization list", () => {
  it("keeps search, status filter and sort in the URL, and asks the server with them", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(list, (request) =>
        request.filter?.query === "werk"
          ? { organizations: [datenwerk], totalSize: 1 }
          : { organizations: [acme, datenwerk], totalSize: 2 },
      ),
    );
    const { history } = renderApp("/organizations", api);
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
    expect(history.location.search).toBe("");
    expect(api.lastRequest(list)).toMatchObject({
      pageSize: 50,
      pageToken: "",
      filter: { query: "", statuses: [] },
      orderBy: "name",
    });

    const user = userEvent.setup();
    await user.type(screen.getByRole("searchbox", { name: "Search" }), "werk");
    await waitFor(() => expect(history.location.search).toContain("q=werk"));
    await waitFor(() => expect(screen.queryByText("Acme Hosting")).not.toBeInTheDocument());
    expect(screen.getByText("Datenwerk")).toBeInTheDocument();
    expect(api.lastRequest(list)?.filter?.query).toBe("werk");

    await user.click(screen.getByLabelText("Sort by", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Newest first" }));
    await waitFor(() => expect(history.location.search).toContain("sort=created_desc"));
    await waitFor(() => expect(api.lastRequest(list)?.orderBy).toBe("create_time desc"));
  });

  it("sorts by a column's header and exports what the filters show", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(list, { organizations: [acme, datenwerk], totalSize: 2 }),
    );
    const { history } = renderApp("/organizations?status=ACTIVE", api);
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
    expect(screen.getByTestId("list-count")).toHaveTextContent("2 organizations");

    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Name" }));
    await waitFor(() => expect(history.location.search).toContain("sort=name_desc"));
    await waitFor(() => expect(api.lastRequest(list)?.orderBy).toBe("name desc"));
    expect(screen.getByRole("columnheader", { name: "Name" })).toHaveAttribute(
      "aria-sort",
      "descending",
    );

    const href = screen.getByRole("link", { name: "Export CSV" }).getAttribute("href") ?? "";
    const url = new URL(href);
    expect(url.pathname).toBe(
      "/api/export/leitstand.admin.v1.OrganizationService/ListOrganizations.csv",
    );
    expect(JSON.parse(url.searchParams.get("request") ?? "")).toEqual({
      filter: { statuses: ["ORGANIZATION_STATUS_ACTIVE"] },
      orderBy: "name desc",
    });
  });

  it("reads the filters from a shared link", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(list, {
        organizations: [{ ...datenwerk, status: OrganizationStatus.SUSPENDED }],
        totalSize: 1,
      }),
    );
    renderApp("/organizations?status=SUSPENDED&q=da", api);
    expect(await screen.findByText("Datenwerk")).toBeInTheDocument();
    const rows = await tableRows();
    expect(rows).toHaveLength(1);
    expect(within(rows[0] as HTMLElement).getByText("Suspended")).toBeInTheDocument();
    expect(api.lastRequest(list)?.filter).toMatchObject({
      query: "da",
      statuses: [OrganizationStatus.SUSPENDED],
    });
    expect(screen.getByRole("searchbox", { name: "Search" })).toHaveValue("da");
  });

  it("says so when nothing matches, and clears the filters", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(list, (request) =>
        request.filter?.query ? { organizations: [], totalSize: 0 } : { organizations: [acme] },
      ),
    );
    const { history } = renderApp("/organizations?q=nothing", api);
    expect(await screen.findByText("Nothing matches these filters.")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Clear filters" }));
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
    expect(history.location.search).toBe("");
  });

  it("pages with the server's next page token", async () => {
    const page = (from: number) =>
      Array.from({ length: 50 }, (_, i) =>
        anOrganization({ id: `org_${from + i}`, name: `Customer ${from + i}` }),
      );
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(list, (request) =>
        request.pageToken === "page-2"
          ? { organizations: page(50), nextPageToken: "", totalSize: 100 }
          : { organizations: page(0), nextPageToken: "page-2", totalSize: 100 },
      ),
    );
    renderApp("/organizations", api);
    await screen.findByText("Customer 0");
    expect(await tableRows()).toHaveLength(50);
    expect(screen.getByText("Showing 50 of 100 organizations")).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole("button", { name: "Load more" }));
    await waitFor(async () => expect(await tableRows()).toHaveLength(100));
    expect(screen.getByTestId("list-count")).toHaveTextContent("100 organizations");
    expect(api.requests(list).map((r) => r.pageToken)).toEqual(["", "page-2"]);
    // The last page has no token: nothing more to load.
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });

  it("shows the server's refusal with a retry", async () => {
    let refusing = true;
    const api = cannedApi(
      signedIn(anOwner()),
      answerWith(list, () =>
        refusing
          ? new ConnectError("permission denied", Code.PermissionDenied)
          : { organizations: [acme] },
      ),
    );
    renderApp("/organizations", api);
    const retry = await screen.findByRole("button", { name: "Try again" });
    expect(retry.closest("[role=alert]")).toHaveTextContent(
      "You do not have permission to do that.",
    );
    refusing = false;
    await userEvent.setup().click(retry);
    expect(await screen.findByText("Acme Hosting")).toBeInTheDocument();
  });
});

describe("permissions", () => {
  it("shows a developer the same pages without controls that change data", async () => {
    const api = cannedApi(
      signedIn(aDeveloper()),
      answer(list, { organizations: [acme], totalSize: 1 }),
      answer(OrganizationService.method.getOrganization, {
        organization: acme,
        members: [anOrganizationMember()],
      }),
    );
    renderApp("/organizations", api);
    await screen.findByText("Acme Hosting");
    expect(screen.getByRole("link", { name: "Members" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Audit log" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "New organization" })).not.toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole("link", { name: "Acme Hosting" }));
    expect(await screen.findByRole("heading", { name: "Acme Hosting" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Edit" })).not.toBeInTheDocument();
    await user.click(screen.getByRole("tab", { name: /Members/ }));
    await screen.findByText("anna.becker@acme.example");
    expect(screen.queryByRole("button", { name: "Add member" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Actions/ })).not.toBeInTheDocument();
  });

  it("gives an owner the controls", async () => {
    const api = cannedApi(signedIn(anOwner()), answer(list, { organizations: [acme] }));
    renderApp("/organizations", api);
    expect(await screen.findByRole("button", { name: "New organization" })).toBeInTheDocument();
  });

  it("hides the role and permission actions from an operator but not disabling", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      answer(MemberService.method.listMembers, { members: [aMember()] }),
    );
    renderApp("/members", api);
    await screen.findByText("anna.becker@acme.example");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Actions: Anna Becker" }));
    expect(await screen.findByRole("menuitem", { name: "Disable sign-in" })).toBeInTheDocument();
    expect(
      screen.queryByRole("menuitem", { name: "Change platform role" }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole("menuitem", { name: "Grant permission" })).not.toBeInTheDocument();
  });
});
