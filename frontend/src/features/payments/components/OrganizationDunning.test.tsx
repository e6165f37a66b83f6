import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { MessageInitShape } from "@bufbuild/protobuf";
import { Permission, PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import {
  DunningLevel,
  DunningService,
  type GetOrganizationDunningResponseSchema,
} from "@leitstand/sdk/leitstand/admin/v1/dunning_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { PaymentService } from "@leitstand/sdk/leitstand/admin/v1/payment_service_pb.js";
import {
  aCaller,
  aDunningHold,
  aDunningInvoice,
  aDunningNotice,
  anOrganization,
  anOwner,
} from "@/test/builders";
import { answer, cannedApi, invalid, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const d = DunningService.method;
const org = anOrganization({ id: "org_01acme00000000000000000000", name: "Acme GmbH" });
const path = `/organizations/${org.id}?tab=payments`;
type Dunning = MessageInitShape<typeof GetOrganizationDunningResponseSchema>;

const chased = aDunningInvoice();
const last = aDunningInvoice({
  invoiceId: "inv_01invoice00000000000000003",
  number: "RE-2026-000990",
  dueDate: "2026-12-31",
  openCents: 11900n,
  level: DunningLevel.SECOND_NOTICE,
  nextLevel: DunningLevel.UNSPECIFIED,
  nextDate: "",
});
const fresh = aDunningInvoice({
  invoiceId: "inv_01invoice00000000000000004",
  number: "RE-2027-000061",
  dueDate: "2027-02-15",
  openCents: 2000n,
  level: DunningLevel.UNSPECIFIED,
  nextLevel: DunningLevel.REMINDER,
  nextDate: "2027-02-22",
});
const notice = aDunningNotice();

/** The Payments tab of Acme with the server's answers; its dunning one per GetOrganizationDunning. */
function paymentsTab(dunning: Dunning[], more: Canned[] = [], caller = anOwner()) {
  const [firstAnswer, ...later] = dunning;
  const api = cannedApi(
    signedIn(caller),
    answer(OrganizationService.method.getOrganization, { organization: org }),
    answer(PaymentService.method.listPayments, { payments: [], totalSize: 0 }),
    answer(PaymentService.method.getOrganizationBalance, { balances: [] }),
    answer(d.getOrganizationDunning, firstAnswer!, ...later),
    ...more,
  );
  const app = renderApp(path, api);
  return { ...app, api, user: userEvent.setup() };
}

const panel = () => screen.findByTestId("dunning-panel");
const table = (name: string) => screen.getByRole("table", { name });
const bodyRows = (name: string) => within(table(name)).getAllByRole("row").slice(1);

describe("an organization's dunning", () => {
  it("shows its overdue invoices with the level reached and the next, and its latest notices", async () => {
    const { api } = paymentsTab([
      { enabled: true, invoices: [last, chased, fresh], notices: [notice] },
    ]);
    await within(await panel()).findByText(
      "Overdue invoices are chased: each level is sent once its day has come.",
    );
    expect(api.lastRequest(d.getOrganizationDunning)).toMatchObject({ organizationId: org.id });
    const invoices = bodyRows("Overdue invoices");
    expect(invoices).toHaveLength(3);
    expect(within(invoices[0]!).getByRole("link", { name: "RE-2026-000990" })).toHaveAttribute(
      "href",
      `/invoices/${last.invoiceId}`,
    );
    expect(invoices[0]).toHaveTextContent("31 Dec 2026");
    expect(invoices[0]).toHaveTextContent("€119.00");
    expect(invoices[0]).toHaveTextContent("2nd notice");
    expect(invoices[0]).toHaveTextContent("Last level reached");
    expect(invoices[1]).toHaveTextContent("Payment reminder");
    expect(invoices[1]).toHaveTextContent("1st notice");
    expect(invoices[1]).toHaveTextContent("from 21 Feb 2027");
    expect(invoices[2]).toHaveTextContent("None sent");
    expect(invoices[2]).toHaveTextContent("Payment reminderfrom 22 Feb 2027");

    const notices = bodyRows("Latest notices");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toHaveTextContent("1st notice");
    expect(notices[0]).toHaveTextContent("RE-2027-000077");
    expect(
      within(notices[0]!).getByRole("button", { name: "PDF: 1st notice on RE-2027-000042" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Show in the dunning list" })).toHaveAttribute(
      "href",
      `/payments/dunning?org=${org.id}`,
    );
    // No hold: nothing to release.
    expect(screen.getByRole("button", { name: "Hold dunning" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Release hold" })).not.toBeInTheDocument();
  });

  it("says when the issuer does not chase and there is nothing overdue", async () => {
    paymentsTab([{ enabled: false, invoices: [], notices: [] }]);
    const shown = await panel();
    expect(
      await within(shown).findByText(
        "Dunning is off for this organization's issuer: its overdue invoices are not chased.",
      ),
    ).toBeInTheDocument();
    expect(within(shown).getByText("No overdue invoices.")).toBeInTheDocument();
    expect(within(shown).getByText("No notices written yet.")).toBeInTheDocument();
  });

  it("holds dunning until a last day with the reason, and shows the hold", async () => {
    const hold = aDunningHold({ until: "2027-04-30", reason: "Ratenzahlung vereinbart" });
    const { api, user } = paymentsTab(
      [
        { enabled: true, invoices: [chased], notices: [] },
        { enabled: true, hold, invoices: [chased], notices: [] },
      ],
      [answer(d.setDunningHold, { hold })],
    );
    await within(await panel()).findByText("Overdue invoices");
    await user.click(screen.getByRole("button", { name: "Hold dunning" }));
    const dialog = await screen.findByRole("dialog", { name: "Hold dunning" });
    // Without a reason nothing is sent.
    fireEvent.change(within(dialog).getByLabelText(/^Last day/), {
      target: { value: "2027-04-30" },
    });
    await user.click(within(dialog).getByRole("button", { name: "Hold dunning" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.requests(d.setDunningHold)).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/^Reason/), " Ratenzahlung vereinbart ");
    await user.click(within(dialog).getByRole("button", { name: "Hold dunning" }));
    await waitFor(() => expect(api.requests(d.setDunningHold)).toHaveLength(1));
    expect(api.lastRequest(d.setDunningHold)).toMatchObject({
      organizationId: org.id,
      until: "2027-04-30",
      reason: "Ratenzahlung vereinbart",
    });
    expect(await screen.findByText("Dunning on hold until 30 Apr 2027.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());

    const shown = await screen.findByTestId("dunning-hold");
    expect(shown).toHaveTextContent("On hold until 30 Apr 2027");
    expect(shown).toHaveTextContent("Ratenzahlung vereinbart");
    expect(shown).toHaveTextContent("Set by buchhaltung@demo.leitstand.test");
    expect(screen.getByRole("button", { name: "Change hold" })).toBeInTheDocument();
  });

  it("changes a hold from its values, and shows the server's verdict at the day", async () => {
    const hold = aDunningHold();
    const { api, user } = paymentsTab(
      [{ enabled: true, hold, invoices: [chased], notices: [] }],
      [
        answer(
          d.setDunningHold,
          invalid([
            {
              path: ["until"],
              ruleId: "until.within_year",
              message: "must be within a year from today",
            },
          ]),
        ),
      ],
    );
    await screen.findByTestId("dunning-hold");
    await user.click(screen.getByRole("button", { name: "Change hold" }));
    const dialog = await screen.findByRole("dialog", { name: "Change the hold" });
    const until = within(dialog).getByLabelText(/^Last day/);
    expect(until).toHaveValue("2027-03-31");
    expect(within(dialog).getByLabelText(/^Reason/)).toHaveValue("Ratenzahlung vereinbart");
    fireEvent.change(until, { target: { value: "2099-01-31" } });
    await user.click(within(dialog).getByRole("button", { name: "Change hold" }));
    expect(await within(dialog).findByText("must be within a year from today")).toBeInTheDocument();
    expect(api.lastRequest(d.setDunningHold)).toMatchObject({
      until: "2099-01-31",
      reason: "Ratenzahlung vereinbart",
    });
  });

  it("releases a hold with the reason", async () => {
    const hold = aDunningHold();
    const { api, user } = paymentsTab(
      [
        { enabled: true, hold, invoices: [chased], notices: [] },
        { enabled: true, invoices: [chased], notices: [] },
      ],
      [answer(d.releaseDunningHold, {})],
    );
    await screen.findByTestId("dunning-hold");
    await user.click(screen.getByRole("button", { name: "Release hold" }));
    const dialog = await screen.findByRole("dialog", { name: "Release the hold?" });
    await user.click(within(dialog).getByRole("button", { name: "Release hold" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/^Reason/), "Streit beigelegt");
    await user.click(within(dialog).getByRole("button", { name: "Release hold" }));
    await waitFor(() =>
      expect(api.lastRequest(d.releaseDunningHold)).toMatchObject({
        organizationId: org.id,
        reason: "Streit beigelegt",
      }),
    );
    expect(await screen.findByText("Hold released.")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId("dunning-hold")).not.toBeInTheDocument());
    expect(screen.getByRole("button", { name: "Hold dunning" })).toBeInTheDocument();
  });

  it("shows the hold but offers no change to a reader of payments", async () => {
    const reader = aCaller({
      platformRole: PlatformRole.OPERATOR,
      permissions: [Permission.ORGANIZATIONS_READ, Permission.PAYMENTS_READ],
    });
    paymentsTab([{ enabled: true, hold: aDunningHold(), invoices: [], notices: [] }], [], reader);
    expect(await screen.findByTestId("dunning-hold")).toHaveTextContent(
      "On hold until 31 Mar 2027",
    );
    expect(screen.queryByRole("button", { name: "Change hold" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Release hold" })).not.toBeInTheDocument();
  });
});
