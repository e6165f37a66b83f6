import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import {
  BillingEntityStatus,
  BillingEntityService,
} from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { ImageService } from "@leitstand/sdk/leitstand/admin/v1/image_service_pb.js";
import { aLicensee, anImage, anOwner, aReseller } from "@/test/builders";
import { answer, answerWith, cannedApi, notFound, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const m = ImageService.method;
const licensee = aLicensee();
const nordhost = aReseller();
const suedcloud = aReseller({
  id: "be_01suedcloud00000000000001",
  name: "Südcloud Reseller AG",
  signupHandle: "suedcloud",
});
const paused = aReseller({
  id: "be_01paused0000000000000001",
  name: "Pausiert GmbH",
  signupHandle: "pausiert",
  status: BillingEntityStatus.SUSPENDED,
});
const debian = anImage();
const path = "/images/" + debian.id;

const asLicensee = (...more: Parameters<typeof cannedApi>) =>
  cannedApi(
    signedIn(anOwner()),
    answer(m.getImage, { image: debian }),
    answer(BillingEntityService.method.listBillingEntities, {
      billingEntities: [licensee, nordhost, suedcloud, paused],
    }),
    ...more,
  );

describe("an image's page", () => {
  it("shows what the image is and whom it is shared with", async () => {
    renderApp(path, asLicensee());
    expect(await screen.findByRole("heading", { name: "Debian 12" })).toBeVisible();
    expect(screen.getByText(debian.image!.source)).toBeVisible();
    expect(screen.getByText("412 MiB")).toBeVisible();
    const sharing = screen.getByRole("table", { name: "Sharing" });
    expect(within(sharing).getByText(nordhost.name)).toBeVisible();
    expect(screen.getByRole("button", { name: "Edit…" })).toBeVisible();
  });

  it("shares the image with billing entities the licensee picks", async () => {
    const api = asLicensee(
      answerWith(m.shareImage, (req) => ({
        image: anImage({
          sharedWith: [
            ...debian.sharedWith,
            { billingEntityId: req.billingEntityIds[0], billingEntityName: suedcloud.name },
          ],
        }),
      })),
    );
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByLabelText("Share with", { selector: "input" }));
    // Its owner and those it is shared with are not offered; a suspended one is, disabled.
    expect(screen.queryByRole("option", { name: licensee.name })).toBeNull();
    expect(screen.queryByRole("option", { name: nordhost.name })).toBeNull();
    expect(
      await screen.findByRole("option", { name: "Pausiert GmbH (suspended)" }),
    ).toHaveAttribute("data-combobox-disabled", "true");
    await user.click(screen.getByRole("option", { name: suedcloud.name }));
    await user.click(screen.getByRole("button", { name: "Share" }));
    await waitFor(() =>
      expect(api.lastRequest(m.shareImage)).toMatchObject({
        id: debian.id,
        billingEntityIds: [suedcloud.id],
      }),
    );
    expect(
      await screen.findByText(`The image is now shared with ${suedcloud.name}.`),
    ).toBeVisible();
  });

  it("stops sharing the image with an entity", async () => {
    const api = asLicensee(answer(m.unshareImage, { image: anImage({ sharedWith: [] }) }));
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole("button", { name: `Stop sharing with ${nordhost.name}` }),
    );
    await waitFor(() =>
      expect(api.lastRequest(m.unshareImage)).toMatchObject({
        id: debian.id,
        billingEntityIds: [nordhost.id],
      }),
    );
  });

  it("sends only the fields an edit changed", async () => {
    const api = asLicensee(answer(m.updateImage, { image: debian }));
    renderApp(path, api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "Edit…" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit image" });
    await user.clear(within(dialog).getByLabelText(/^Version/));
    await user.paste("12.8");
    await user.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() =>
      expect(api.lastRequest(m.updateImage)).toMatchObject({
        id: debian.id,
        image: { version: "12.8" },
        updateMask: { paths: ["version"] },
      }),
    );
  });

  it("tells a reseller's staff who shares the image, with no controls", async () => {
    renderApp(
      path,
      cannedApi(
        signedIn(anOwner({ email: "owner@nordhost.example", billingEntityId: nordhost.id })),
        answer(m.getImage, { image: debian }),
        answer(BillingEntityService.method.listBillingEntities, { billingEntities: [nordhost] }),
      ),
    );
    expect(
      await screen.findByText(
        `${licensee.name} shares this image with you. Only its owner changes it.`,
      ),
    ).toBeVisible();
    expect(screen.queryByRole("button", { name: "Edit…" })).toBeNull();
    expect(screen.queryByText("Sharing")).toBeNull();
    expect(screen.queryByRole("textbox", { name: "Share with" })).toBeNull();
  });

  it("says when the image is not there or not shared", async () => {
    renderApp(
      path,
      cannedApi(
        signedIn(anOwner({ billingEntityId: nordhost.id })),
        answer(m.getImage, notFound("image")),
        answer(BillingEntityService.method.listBillingEntities, { billingEntities: [nordhost] }),
      ),
    );
    expect(
      await screen.findByText("This image does not exist, or it is not shared with you."),
    ).toBeVisible();
  });

  it("speaks German", async () => {
    renderApp(path, asLicensee(), "de");
    expect(await screen.findByRole("button", { name: "Bearbeiten…" })).toBeVisible();
    expect(screen.getByText("Freigabe")).toBeVisible();
  });
});
