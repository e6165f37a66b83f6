import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { PlatformRole } from "@leitstand/sdk/leitstand/admin/v1/authz_pb.js";
import { BillingEntityService } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { CatalogService } from "@leitstand/sdk/leitstand/admin/v1/catalog_service_pb.js";
import {
  aCaller,
  aCatalogItem,
  aLicensee,
  anOwner,
  aProductOffer,
  aReseller,
} from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = CatalogService.method;
const licensee = aLicensee();
const nordhost = aReseller();
const suedcloud = aReseller({
  id: "be_01suedcloud00000000000001",
  name: "Südcloud GmbH",
  signupHandle: "suedcloud",
});
const nextcloud = aProductOffer();
const postgres = aCatalogItem();
const ownItem = aCatalogItem({
  id: "cat_01websitecheck00000000001",
  name: "Nordhost Website-Check",
  monthlyPriceCents: 900n,
  billingEntityId: nordhost.id,
});
// Südcloud sells PostgreSQL M below the licensee's price: a loss on every booking.
const cheap = aProductOffer({
  id: "ofr_01suedpostgres000000000001",
  billingEntityId: suedcloud.id,
  catalogItemId: postgres.id,
  catalogItemName: "PostgreSQL M",
  monthlyPriceCents: 1990n,
  listPriceCents: 2490n,
  minimumTermMonths: 0,
  noticePeriodDays: 0,
  description: "",
  bookable: false,
});

const nordOwner = anOwner({ billingEntityId: nordhost.id, email: "owner@nordhost.example" });

const asLicensee = (...more: Parameters<typeof cannedApi>) =>
  cannedApi(
    signedIn(anOwner()),
    answer(m.listProductOffers, { offers: [nextcloud, cheap] }),
    answer(BillingEntityService.method.listBillingEntities, {
      billingEntities: [licensee, nordhost, suedcloud],
    }),
    answer(m.listCatalogItems, { items: [postgres], totalSize: 1 }),
    ...more,
  );

const asNordhost = (...more: Parameters<typeof cannedApi>) =>
  cannedApi(
    signedIn(nordOwner),
    answer(m.listProductOffers, { offers: [nextcloud] }),
    answer(BillingEntityService.method.listBillingEntities, { billingEntities: [nordhost] }),
    answer(m.listCatalogItems, { items: [ownItem, postgres], totalSize: 2 }),
    ...more,
  );

describe("the offers page", () => {
  it("lists every reseller's offers with prices, margin and terms for the licensee", async () => {
    const api = asLicensee();
    renderApp("/catalog/offers", api);
    const rows = await tableRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("Nextcloud M");
    expect(rows[0]).toHaveTextContent(nordhost.name);
    expect(rows[0]).toHaveTextContent("€39.90");
    expect(rows[0]).toHaveTextContent("€29.90");
    expect(rows[0]?.querySelector("[data-margin]")).toHaveTextContent("€10.00");
    expect(rows[0]).toHaveTextContent("12 months minimum · 30 days' notice");
    expect(rows[1]).toHaveTextContent(suedcloud.name);
    expect(rows[1]?.querySelector("[data-margin]")).toHaveTextContent("-€5.00");
    expect(rows[1]).toHaveTextContent("No minimum term");
    expect(screen.getByRole("columnheader", { name: "Reseller" })).toBeVisible();
    // The page's saved views, and the column menu of its table.
    expect(screen.getByRole("button", { name: "Views" })).toBeVisible();
    expect(await screen.findByRole("button", { name: "Columns" })).toBeVisible();
    // In force only, unless asked otherwise.
    expect(api.lastRequest(m.listProductOffers)).toMatchObject({ retired: false });
  });

  it("keeps the reseller and the state in the URL", async () => {
    const api = asLicensee();
    const { history } = renderApp(`/catalog/offers?entity=${suedcloud.id}&state=all`, api);
    await tableRows();
    expect(api.lastRequest(m.listProductOffers)?.billingEntityId).toBe(suedcloud.id);
    expect(api.lastRequest(m.listProductOffers)?.retired).toBeUndefined();
    const user = userEvent.setup();
    await user.click(screen.getByRole("radio", { name: "Retired" }));
    await waitFor(() => expect(history.location.search).toContain("state=retired"));
    await waitFor(() =>
      expect(api.lastRequest(m.listProductOffers)).toMatchObject({
        billingEntityId: suedcloud.id,
        retired: true,
      }),
    );
  });

  it("creates an offer for a chosen reseller and shows the server's refusal at the price", async () => {
    const api = asLicensee(
      answer(
        m.createProductOffer,
        invalid([
          {
            path: ["monthly_price_cents"],
            ruleId: "offer.price_limit",
            message: "the price is beyond what the platform allows",
          },
        ]),
      ),
    );
    renderApp("/catalog/offers", api);
    await tableRows();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "New offer…" }));
    const dialog = await screen.findByRole("dialog", { name: "New offer" });
    await user.click(within(dialog).getByLabelText(/^Reseller/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: nordhost.name }));
    await user.click(within(dialog).getByLabelText(/^Item/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "PostgreSQL M · €24.90" }));
    await user.click(within(dialog).getByLabelText(/^Price per month/));
    await user.paste("34.90");
    expect(within(dialog).getByTestId("offer-list-price")).toHaveTextContent("€24.90");
    expect(within(dialog).getByTestId("offer-margin")).toHaveTextContent("€10.00");
    await user.clear(within(dialog).getByLabelText(/^Minimum term/));
    await user.type(within(dialog).getByLabelText(/^Minimum term/), "12");
    await user.click(within(dialog).getByRole("button", { name: "Create offer" }));
    expect(await within(dialog).findByText(/beyond what the platform allows/)).toBeVisible();
    expect(api.lastRequest(m.createProductOffer)).toMatchObject({
      billingEntityId: nordhost.id,
      catalogItemId: postgres.id,
      monthlyPriceCents: 3490n,
      minimumTermMonths: 12,
      noticePeriodDays: 0,
      bookable: true,
    });
  });

  it("lets a reseller offer only the licensee's items, for its own entity", async () => {
    const created = aProductOffer({
      id: "ofr_01nordpostgres000000000001",
      catalogItemId: postgres.id,
      catalogItemName: "PostgreSQL M",
      monthlyPriceCents: 2990n,
      listPriceCents: 2490n,
    });
    const api = asNordhost(
      answerWith(m.createProductOffer, () => ({ offer: created })),
      answer(m.getProductOffer, { offer: created }),
    );
    const { history } = renderApp("/catalog/offers", api);
    await tableRows();
    expect(screen.queryByRole("columnheader", { name: "Reseller" })).toBeNull();
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "New offer…" }));
    const dialog = await screen.findByRole("dialog", { name: "New offer" });
    expect(within(dialog).queryByLabelText(/^Reseller/, { selector: "input" })).toBeNull();
    await user.click(within(dialog).getByLabelText(/^Item/, { selector: "input" }));
    expect(await screen.findByRole("option", { name: "PostgreSQL M · €24.90" })).toBeVisible();
    expect(screen.queryByRole("option", { name: /Website-Check/ })).toBeNull();
    await user.click(screen.getByRole("option", { name: "PostgreSQL M · €24.90" }));
    await user.click(within(dialog).getByLabelText(/^Price per month/));
    await user.paste("29.90");
    await user.click(within(dialog).getByRole("button", { name: "Create offer" }));
    await waitFor(() =>
      expect(history.location.search).toContain("offer=ofr_01nordpostgres000000000001"),
    );
    expect(api.lastRequest(m.createProductOffer)).toMatchObject({
      billingEntityId: "",
      catalogItemId: postgres.id,
      monthlyPriceCents: 2990n,
    });
  });

  it("opens an offer beside the list, changes its price and retires it with a reason", async () => {
    const api = asNordhost(
      answer(m.getProductOffer, { offer: nextcloud }),
      answerWith(m.updateProductOffer, (req) => ({
        offer: { ...nextcloud, monthlyPriceCents: req.offer?.monthlyPriceCents ?? 0n },
      })),
      answerWith(m.retireProductOffer, () => ({ offer: { ...nextcloud, retired: true } })),
    );
    renderApp("/catalog/offers", api);
    const rows = await tableRows();
    const user = userEvent.setup();
    await user.click(within(rows[0] as HTMLElement).getByText("Nextcloud M"));
    const drawer = await screen.findByRole("dialog", { name: "Nextcloud M" });
    expect(within(drawer).getByText("Licensee price")).toBeVisible();
    expect(within(drawer).getByText("€10.00")).toBeVisible();
    await user.click(within(drawer).getByRole("button", { name: "Edit…" }));
    const edit = await screen.findByRole("dialog", { name: "Edit the offer of Nextcloud M" });
    await user.clear(within(edit).getByLabelText(/^Price per month/));
    await user.type(within(edit).getByLabelText(/^Price per month/), "44.90");
    await user.click(within(edit).getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(api.requests(m.updateProductOffer)).toHaveLength(1));
    expect(api.lastRequest(m.updateProductOffer)).toMatchObject({
      offer: { id: nextcloud.id, monthlyPriceCents: 4490n },
      updateMask: { paths: ["monthly_price_cents"] },
    });

    await user.click(within(drawer).getByRole("button", { name: "Retire…" }));
    const retire = await screen.findByRole("dialog", {
      name: "Retire the offer of Nextcloud M?",
    });
    await user.click(within(retire).getByRole("button", { name: "Retire offer" }));
    expect(api.requests(m.retireProductOffer)).toHaveLength(0);
    await user.type(within(retire).getByLabelText(/^Reason/), "Moving customers to M Plus");
    await user.click(within(retire).getByRole("button", { name: "Retire offer" }));
    await waitFor(() =>
      expect(api.lastRequest(m.retireProductOffer)).toMatchObject({
        id: nextcloud.id,
        reason: "Moving customers to M Plus",
      }),
    );
  });

  it("shows a developer the offers without New offer", async () => {
    renderApp(
      "/catalog/offers",
      asLicensee(signedIn(aCaller({ platformRole: PlatformRole.DEVELOPER }))),
    );
    await tableRows();
    expect(screen.queryByRole("button", { name: "New offer…" })).toBeNull();
  });

  it("speaks German", async () => {
    renderApp("/catalog/offers", asLicensee(), "de");
    const rows = await tableRows();
    expect(rows[0]).toHaveTextContent("12 Monate Mindestlaufzeit · 30 Tage Kündigungsfrist");
    expect(screen.getByRole("columnheader", { name: "Marge" })).toBeVisible();
    expect(screen.getByRole("button", { name: "Neues Angebot…" })).toBeVisible();
  });
});
