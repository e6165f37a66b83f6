import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { CatalogService } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { OrganizationService } from "@leitstand/sdk/leitstand/admin/v1/organization_service_pb.js";
import { ServiceInstanceService } from "@leitstand/sdk/leitstand/admin/v1/service_instance_service_pb.js";
import {
  aBookableItem,
  aCatalogItem,
  anOperator,
  anOrganization,
  aWorkspace,
} from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const deichgraf = anOrganization({
  id: "org_01deichgraf0000000000001",
  name: "Deichgraf Webdesign",
  billingEntityId: "be_01nordhost000000000000001",
});
const acme = anOrganization();
// Deichgraf is Nordhost's customer: it books Nextcloud M at Nordhost's price
// and Nordhost's own item, and nothing else of the catalog.
const nextcloud = aBookableItem();
const websiteCheck = aBookableItem({
  item: aCatalogItem({
    id: "cat_01websitecheck00000000001",
    name: "Nordhost Website-Check",
    monthlyPriceCents: 900n,
    billingEntityId: "be_01nordhost000000000000001",
  }),
  monthlyPriceCents: 900n,
  productOfferId: "",
  minimumTermMonths: 0,
  noticePeriodDays: 0,
});
const postgres = aBookableItem({
  item: aCatalogItem(),
  monthlyPriceCents: 2490n,
  productOfferId: "",
  minimumTermMonths: 0,
  noticePeriodDays: 0,
});

describe("booking a service", () => {
  it(
    "offers what the chosen organization can book, at the price it pays",
    { timeout: 60_000 },
    async () => {
      const api = cannedApi(
        signedIn(anOperator()),
        answer(ServiceInstanceService.method.listServiceInstances, {
          serviceInstances: [],
          totalSize: 0,
        }),
        answer(OrganizationService.method.listOrganizations, {
          organizations: [acme, deichgraf],
          totalSize: 2,
        }),
        answerWith(OrganizationService.method.listWorkspaces, (req) => ({
          workspaces: [aWorkspace({ id: `ws_${req.organizationId}`, name: "Main" })],
        })),
        answerWith(CatalogService.method.listBookableItems, (req) => ({
          items: req.organizationId === deichgraf.id ? [nextcloud, websiteCheck] : [postgres],
        })),
      );
      renderApp("/services", api);
      const user = userEvent.setup();
      await user.click(await screen.findByRole("button", { name: "Book service" }));
      const dialog = await screen.findByRole("dialog", { name: "Book a service" });
      // Nothing to choose before the organization.
      expect(within(dialog).getByLabelText(/^Catalog item/, { selector: "input" })).toBeDisabled();
      expect(api.requests(CatalogService.method.listBookableItems)).toHaveLength(0);

      await user.click(within(dialog).getByLabelText(/^Organization/, { selector: "input" }));
      await user.click(await screen.findByRole("option", { name: "Deichgraf Webdesign" }));
      await waitFor(() =>
        expect(api.lastRequest(CatalogService.method.listBookableItems)).toMatchObject({
          organizationId: deichgraf.id,
        }),
      );
      await user.click(within(dialog).getByLabelText(/^Catalog item/, { selector: "input" }));
      expect(await screen.findByRole("option", { name: "Nextcloud M · €39.90" })).toBeVisible();
      expect(screen.getByRole("option", { name: "Nordhost Website-Check · €9.00" })).toBeVisible();
      expect(screen.queryByRole("option", { name: /PostgreSQL/ })).toBeNull();
      await user.click(screen.getByRole("option", { name: "Nextcloud M · €39.90" }));
      // The reseller's terms, under the choice.
      expect(within(dialog).getByText("12 months minimum term · 30 days' notice")).toBeVisible();

      // Another organization books other things: the choice is cleared.
      await user.click(within(dialog).getByLabelText(/^Organization/, { selector: "input" }));
      await user.click(await screen.findByRole("option", { name: "Acme Hosting" }));
      await waitFor(() =>
        expect(within(dialog).getByLabelText(/^Catalog item/, { selector: "input" })).toHaveValue(
          "",
        ),
      );
      await user.click(within(dialog).getByLabelText(/^Catalog item/, { selector: "input" }));
      expect(await screen.findByRole("option", { name: "PostgreSQL M · €24.90" })).toBeVisible();
      expect(screen.queryByRole("option", { name: /Nextcloud M/ })).toBeNull();
    },
  );
});
