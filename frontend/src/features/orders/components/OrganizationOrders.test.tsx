import { create } from "@bufbuild/protobuf";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  OrderKind,
  OrderPriority,
  OrderSchema,
  OrderService,
  OrderStatus,
} from "@leitstand/sdk/leitstand/admin/v1/order_service_pb.js";
import {
  OrganizationService,
  OrganizationStatus,
} from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { aDeveloper, anOperator, anOrganization, at } from "@/test/builders";
import { answer, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const list = OrderService.method.listOrders;
const get = OrganizationService.method.getOrganization;
const order = create(OrderSchema, {
  id: "ord_01kaj5m8d0e6xv1ks8wq6a5j0p",
  number: 3n,
  organizationId: "org_0001",
  organizationName: "Acme Hosting",
  title: "Onboarding of the new customer",
  kind: OrderKind.PROJECT,
  priority: OrderPriority.NORMAL,
  status: OrderStatus.IN_PROGRESS,
  createTime: at("2026-02-20T08:00:00Z"),
});

describe("an organization's Orders tab", () => {
  it("lists the organization's orders, each linked, and opens one for it", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      answer(get, { organization: anOrganization() }),
      answer(list, { orders: [order], totalSize: 1 }),
    );
    renderApp("/organizations/org_0001?tab=orders", api);
    const [row] = await tableRows();
    expect(within(row as HTMLElement).getByRole("link", { name: /Onboarding/ })).toHaveAttribute(
      "href",
      `/orders/${order.id}`,
    );
    expect(row).toHaveTextContent("#3");
    expect(api.lastRequest(list)?.filter?.organizationId).toBe("org_0001");
    await userEvent.click(screen.getByRole("button", { name: "New order" }));
    const dialog = await screen.findByRole("dialog", { name: "New order" });
    // The organization is the page's.
    expect(within(dialog).queryByLabelText(/^Organization/)).not.toBeInTheDocument();
  });

  it("offers no new order for a closed organization", async () => {
    renderApp(
      "/organizations/org_0001?tab=orders",
      cannedApi(
        signedIn(anOperator()),
        answer(get, {
          organization: anOrganization({ status: OrganizationStatus.CLOSED }),
        }),
        answer(list, { orders: [order], totalSize: 1 }),
      ),
    );
    await tableRows();
    expect(screen.queryByRole("button", { name: "New order" })).not.toBeInTheDocument();
  });

  it("shows a developer the orders without the button", async () => {
    renderApp(
      "/organizations/org_0001?tab=orders",
      cannedApi(
        signedIn(aDeveloper()),
        answer(get, { organization: anOrganization() }),
        answer(list, { orders: [order], totalSize: 1 }),
      ),
    );
    await tableRows();
    expect(screen.getByRole("tab", { name: "Orders" })).toHaveAttribute("aria-selected", "true");
    expect(screen.queryByRole("button", { name: "New order" })).not.toBeInTheDocument();
  });
});
