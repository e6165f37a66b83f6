import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AuditService } from "@leitstand/sdk/leitstand/admin/v1/audit_service_pb.js";
import { MemberService } from "@leitstand/sdk/leitstand/admin/v1/member_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { aMember, anOrganization, anOwner } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const pixelwerk = anOrganization({ id: "org_0016", name: "Pixelwerk", legalName: "" });

describe("global search", () => {
  it("finds organizations and members and opens the one chosen", async () => {
    const api = cannedApi(
      signedIn(anOwner()),
      answer(AuditService.method.listAuditEvents, { auditEvents: [] }),
      answerWith(OrganizationService.method.listOrganizations, (request) => ({
        organizations: request.filter?.query === "pixel" ? [pixelwerk] : [],
      })),
      answerWith(MemberService.method.listMembers, (request) => ({
        members: request.filter?.query === "anna" ? [aMember()] : [],
      })),
      answer(OrganizationService.method.getOrganization, { organization: pixelwerk }),
    );
    const { history } = renderApp("/audit", api);
    await screen.findByRole("heading", { name: "Audit log" });
    const user = userEvent.setup();
    await user.keyboard("/");
    const input = await screen.findByPlaceholderText("Search organizations and members…");
    await user.type(input, "anna");
    expect(await screen.findByText("anna.becker@acme.example")).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, " pixel ");
    await user.click(await screen.findByText("Pixelwerk"));
    await waitFor(() => expect(history.location.pathname).toBe("/organizations/org_0016"));
    expect(api.lastRequest(OrganizationService.method.listOrganizations)).toMatchObject({
      pageSize: 6,
      filter: { query: "pixel" },
    });
    expect(api.lastRequest(MemberService.method.listMembers)).toMatchObject({
      pageSize: 6,
      filter: { query: "pixel" },
    });
  });
});
