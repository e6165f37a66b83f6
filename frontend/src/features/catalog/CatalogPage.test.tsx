import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { BillingEntityService } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { CatalogService } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import { aCatalogItem, aLicensee, anOwner, aProductOffer, aReseller } from "@/test/builders";
import { answer, answerWith, cannedApi, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = CatalogService.method;
const licensee = aLicensee();
const nordhost = aReseller();
const postgres = aCatalogItem();
const websiteCheck = aCatalogItem({
  id: "cat_01websitecheck00000000001",
  name: "Nordhost Website-Check",
  description: "",
  monthlyPriceCents: 900n,
  billingEntityId: nordhost.id,
});
const offer = aProductOffer({
  catalogItemId: postgres.id,
  catalogItemName: postgres.name,
  monthlyPriceCents: 3490n,
  listPriceCents: 2490n,
});

const asLicensee = (...more: Parameters<typeof cannedApi>) =>
  cannedApi(
    signedIn(anOwner()),
    answer(m.listCatalogItems, { items: [postgres, websiteCheck], totalSize: 2 }),
    answer(BillingEntityService.method.listBillingEntities, {
      billingEntities: [licensee, nordhost],
    }),
    ...more,
  );

describe("the catalog's sellers", () => {
  it("names who sells each item and filters by it in the URL", async () => {
    const api = asLicensee();
    const { history } = renderApp("/catalog", api);
    const rows = await tableRows();
    expect(rows[0]).toHaveTextContent(licensee.name);
    expect(rows[1]).toHaveTextContent(nordhost.name);
    const user = userEvent.setup();
    await user.click(screen.getByRole("combobox", { name: "Sold by" }));
    await user.click(await screen.findByRole("option", { name: nordhost.name }));
    await waitFor(() => expect(history.location.search).toContain(`entity=${nordhost.id}`));
    await waitFor(() =>
      expect(api.lastRequest(m.listCatalogItems)?.filter?.billingEntityId).toBe(nordhost.id),
    );
  });

  it("shows a reseller's staff no seller and creates their own item", async () => {
    const api = cannedApi(
      signedIn(anOwner({ billingEntityId: nordhost.id })),
      answer(m.listCatalogItems, { items: [postgres, websiteCheck], totalSize: 2 }),
      answer(BillingEntityService.method.listBillingEntities, { billingEntities: [nordhost] }),
      answerWith(m.createCatalogItem, (req) => ({ item: aCatalogItem({ name: req.name }) })),
    );
    renderApp("/catalog", api);
    await tableRows();
    expect(screen.queryByRole("columnheader", { name: "Sold by" })).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "New item" }));
    const dialog = await screen.findByRole("dialog", { name: "New catalog item" });
    expect(within(dialog).queryByLabelText(/^Sold by/, { selector: "input" })).toBeNull();
    await user.type(within(dialog).getByLabelText(/^Name/), "Uptime-Check");
    await user.click(within(dialog).getByLabelText(/^Size/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "S — small" }));
    await user.type(within(dialog).getByLabelText(/^Monthly price/), "9");
    await user.click(within(dialog).getByRole("button", { name: "New item" }));
    await waitFor(() => expect(api.requests(m.createCatalogItem)).toHaveLength(1));
    expect(api.lastRequest(m.createCatalogItem)).toMatchObject({
      name: "Uptime-Check",
      billingEntityId: "",
      monthlyPriceCents: 900n,
    });
  });

  it("lets the licensee's staff add an item for a reseller", async () => {
    const api = asLicensee(
      answerWith(m.createCatalogItem, (req) => ({ item: aCatalogItem({ name: req.name }) })),
    );
    renderApp("/catalog", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "New item" }));
    const dialog = await screen.findByRole("dialog", { name: "New catalog item" });
    await user.click(within(dialog).getByLabelText(/^Sold by/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: nordhost.name }));
    await user.type(within(dialog).getByLabelText(/^Name/), "Nordhost SEO-Check");
    await user.click(within(dialog).getByLabelText(/^Size/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "S — small" }));
    await user.type(within(dialog).getByLabelText(/^Monthly price/), "19");
    await user.click(within(dialog).getByRole("button", { name: "New item" }));
    await waitFor(() => expect(api.requests(m.createCatalogItem)).toHaveLength(1));
    expect(api.lastRequest(m.createCatalogItem)).toMatchObject({
      name: "Nordhost SEO-Check",
      billingEntityId: nordhost.id,
    });
  });

  it("shows the resellers' offers of a licensee's item with their margin", async () => {
    const api = asLicensee(answer(m.listProductOffers, { offers: [offer] }));
    renderApp("/catalog", api);
    const rows = await tableRows();
    const user = userEvent.setup();
    await user.click(within(rows[0] as HTMLElement).getByText("PostgreSQL M"));
    const dialog = await screen.findByRole("dialog", { name: "Edit PostgreSQL M" });
    const offers = await within(dialog).findByTestId("item-offers");
    await within(offers).findByText(nordhost.name);
    expect(offers).toHaveTextContent("€34.90");
    expect(offers.querySelector("[data-margin]")).toHaveTextContent("€10.00");
    expect(api.lastRequest(m.listProductOffers)).toMatchObject({
      catalogItemId: postgres.id,
      retired: false,
    });
  });
});
