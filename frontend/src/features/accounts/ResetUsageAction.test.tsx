import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { AccountService } from "@leitstand/sdk/leitstand/admin/v1/account_service_pb.js";
import { anAccount, anOperator } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";
import { thisMonth } from "@/lib/format";

const m = AccountService.method;

describe("an account's Reset usage", () => {
  it("says what a reset does and resets the counters with a reason", async () => {
    const acme = anAccount({ usageResetDay: "2027-01-03" });
    const api = cannedApi(
      signedIn(anOperator()),
      answer(m.listAccounts, { accounts: [acme], totalSize: 1, month: thisMonth() }),
      answer(m.resetUsage, {
        month: "2027-01",
        resetDay: "2027-01-20",
        storageBeforeBytes: acme.storage!.used,
        trafficBeforeBytes: acme.traffic!.used,
      }),
    );
    renderApp("/accounts", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Actions: Acme GmbH" }));
    await user.click(await screen.findByRole("menuitem", { name: "Reset usage…" }));
    const dialog = await screen.findByRole("dialog", { name: "Reset the usage of Acme GmbH" });
    expect(dialog).toHaveTextContent("Counted this month: 12.3 GB peak storage, 45 GB of traffic.");
    expect(dialog).toHaveTextContent("counting restarts tomorrow.");
    expect(dialog).toHaveTextContent(
      "Invoices do not change: they charge storage from the daily snapshots, not from the counters.",
    );
    expect(dialog).toHaveTextContent("Last reset this month on 3 Jan 2027.");

    await user.click(within(dialog).getByRole("button", { name: "Reset usage" }));
    expect(await within(dialog).findByText("Please give a reason.")).toBeInTheDocument();
    expect(api.requests(m.resetUsage)).toHaveLength(0);
    await user.type(within(dialog).getByLabelText(/^Reason/), "Backup loop fixed");
    await user.click(within(dialog).getByRole("button", { name: "Reset usage" }));
    await waitFor(() => expect(api.requests(m.resetUsage)).toHaveLength(1));
    expect(api.lastRequest(m.resetUsage)).toMatchObject({
      organizationId: acme.organizationId,
      reason: "Backup loop fixed",
    });
    expect(
      await screen.findByText(
        "Usage of Acme GmbH reset on 20 Jan 2027: counting restarts tomorrow.",
      ),
    ).toBeInTheDocument();
  });
});
