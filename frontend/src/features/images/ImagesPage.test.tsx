import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { BillingEntityService } from "@leitstand/sdk/leitstand/admin/v1/billing_entity_service_pb.js";
import { ImageKind, ImageService } from "@leitstand/sdk/leitstand/admin/v1/image_service_pb.js";
import { aDeveloper, aLicensee, anImage, anOwner, aReseller } from "@/test/builders";
import { answer, answerWith, cannedApi, invalid, signedIn } from "@/test/canned";
import { renderApp, tableRows } from "@/test/render";

const m = ImageService.method;
const licensee = aLicensee();
const nordhost = aReseller();
const debian = anImage();
const windows = anImage({
  id: "img_01windows0000000000000001",
  image: {
    name: "Windows Server 2022",
    kind: ImageKind.OS,
    os: "Windows Server",
    version: "21H2",
    sizeBytes: 10958667776n,
    source: "https://images.example.com/windows-server-2022.qcow2",
  },
  sharedWith: [],
});
const mailcow = anImage({
  id: "img_01mailcow0000000000000001",
  billingEntityId: nordhost.id,
  billingEntityName: nordhost.name,
  image: {
    name: "Nordhost Mailcow",
    kind: ImageKind.APPLICATION,
    os: "Debian",
    version: "2024-08",
    sizeBytes: 2254438400n,
    source: "registry.nordhost.example/mail/mailcow:2024-08",
  },
  sharedWith: [],
});

const asLicensee = (...more: Parameters<typeof cannedApi>) =>
  cannedApi(
    signedIn(anOwner()),
    answer(m.listImages, { images: [debian, mailcow, windows], totalSize: 3 }),
    answer(BillingEntityService.method.listBillingEntities, {
      billingEntities: [licensee, nordhost],
    }),
    ...more,
  );

describe("the images page", () => {
  it("lists the images with their owner and whom they are shared with", async () => {
    renderApp("/images", asLicensee());
    const rows = await tableRows();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent("Debian 12");
    expect(rows[0]).toHaveTextContent("Operating system");
    expect(rows[0]).toHaveTextContent("12.7");
    expect(rows[0]).toHaveTextContent("412 MiB");
    expect(rows[0]).toHaveTextContent(licensee.name);
    expect(rows[0]).toHaveTextContent(nordhost.name);
    expect(rows[1]).toHaveTextContent("Application");
    expect(rows[2]).toHaveTextContent("Not shared");
    expect(screen.getByText("3 images")).toBeVisible();
    expect(screen.getByRole("link", { name: "Images" })).toBeVisible();
    // The page's saved views, and the column menu of its table.
    expect(screen.getByRole("button", { name: "Views" })).toBeVisible();
    expect(await screen.findByRole("button", { name: "Columns" })).toBeVisible();
  });

  it("keeps its filters in the URL and sends them", async () => {
    const api = asLicensee();
    const { history } = renderApp("/images?kind=OS&shared=" + nordhost.id, api);
    await tableRows();
    expect(api.lastRequest(m.listImages)).toMatchObject({
      kind: ImageKind.OS,
      sharedWithBillingEntityId: nordhost.id,
    });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText("Owner", { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: nordhost.name }));
    await waitFor(() =>
      expect(api.lastRequest(m.listImages)).toMatchObject({ billingEntityId: nordhost.id }),
    );
    expect(history.location.search).toContain("owner=" + nordhost.id);
  });

  it("creates an image for a reseller and opens it", async () => {
    const api = asLicensee(
      answerWith(m.createImage, (req) => ({
        image: anImage({ id: "img_01new000000000000000000001", image: req.image, sharedWith: [] }),
      })),
      answer(m.getImage, { image: debian }),
    );
    const { history } = renderApp("/images", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New image…" }));
    const dialog = await screen.findByRole("dialog", { name: "New image" });
    await user.click(within(dialog).getByLabelText(/^Name/));
    await user.paste("Nextcloud 29");
    await user.click(within(dialog).getByLabelText(/^Owner/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: nordhost.name }));
    await user.click(within(dialog).getByLabelText(/^Kind/, { selector: "input" }));
    await user.click(await screen.findByRole("option", { name: "Application" }));
    await user.click(within(dialog).getByLabelText(/^Operating system/));
    await user.paste("Debian");
    await user.click(within(dialog).getByLabelText(/^Version/));
    await user.paste("29.0.4");
    await user.click(within(dialog).getByLabelText(/^Size/));
    await user.paste("1240");
    await user.click(within(dialog).getByLabelText(/^Source/));
    await user.paste("docker.io/library/nextcloud:29.0.4-apache");
    await user.click(within(dialog).getByRole("button", { name: "Create image" }));

    await waitFor(() =>
      expect(history.location.pathname).toBe("/images/img_01new000000000000000000001"),
    );
    expect(api.lastRequest(m.createImage)).toMatchObject({
      billingEntityId: nordhost.id,
      image: {
        name: "Nextcloud 29",
        kind: ImageKind.APPLICATION,
        os: "Debian",
        version: "29.0.4",
        sizeBytes: 1240n * 1024n * 1024n,
        source: "docker.io/library/nextcloud:29.0.4-apache",
      },
    });
  }, 40_000);

  it("checks the source and shows the server's refusal at its field", async () => {
    const api = asLicensee(
      answer(
        m.createImage,
        invalid([
          {
            path: ["image", "source"],
            ruleId: "image.source_test",
            message: "no such registry here",
          },
        ]),
      ),
    );
    renderApp("/images", api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole("button", { name: "New image…" }));
    const dialog = await screen.findByRole("dialog", { name: "New image" });
    for (const [label, text] of [
      [/^Name/, "Debian 12"],
      [/^Operating system/, "Debian"],
      [/^Version/, "12.7"],
      [/^Size/, "412"],
      [/^Source/, "http://cloud.debian.org/debian.qcow2"],
    ] as const) {
      await user.click(within(dialog).getByLabelText(label));
      await user.paste(text);
    }
    await user.click(within(dialog).getByRole("button", { name: "Create image" }));
    expect(
      await within(dialog).findByText(/An https URL or an OCI reference such as/),
    ).toBeVisible();
    expect(api.requests(m.createImage)).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText(/^Source/));
    await user.paste("registry.example.com/debian:12");
    await user.click(within(dialog).getByRole("button", { name: "Create image" }));
    expect(await within(dialog).findByText("no such registry here")).toBeVisible();
  }, 40_000);

  it("shows a reseller's staff who owns what is shared with them, without owner filters", async () => {
    renderApp(
      "/images",
      cannedApi(
        signedIn(anOwner({ email: "owner@nordhost.example", billingEntityId: nordhost.id })),
        answer(m.listImages, { images: [debian, mailcow], totalSize: 2 }),
        answer(BillingEntityService.method.listBillingEntities, { billingEntities: [nordhost] }),
      ),
    );
    const rows = await tableRows();
    expect(rows[0]).toHaveTextContent(licensee.name);
    expect(rows[0]).toHaveTextContent("Shared with you");
    expect(rows[1]).toHaveTextContent("Not shared");
    expect(
      screen.getByText("Your own images and those the platform operator shares with you."),
    ).toBeVisible();
    expect(screen.queryByLabelText("Owner", { selector: "input" })).toBeNull();
    expect(screen.queryByLabelText("Shared with", { selector: "input" })).toBeNull();
  });

  it("shows a developer the images without New image", async () => {
    renderApp(
      "/images",
      cannedApi(
        signedIn(aDeveloper()),
        answer(m.listImages, { images: [debian], totalSize: 1 }),
        answer(BillingEntityService.method.listBillingEntities, {
          billingEntities: [licensee, nordhost],
        }),
      ),
    );
    await tableRows();
    expect(screen.queryByRole("button", { name: "New image…" })).toBeNull();
  });

  it("speaks German", async () => {
    renderApp("/images", asLicensee(), "de");
    const rows = await tableRows();
    expect(rows[0]).toHaveTextContent("Betriebssystem");
    expect(rows[2]).toHaveTextContent("Nicht freigegeben");
    expect(await screen.findByRole("button", { name: "Neues Image…" })).toBeVisible();
  });
});
