import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { SettingsService } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { aDeveloper, anOwner, someSettings } from "@/test/builders";
import { answer, cannedApi, invalid, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const uploadLogo = SettingsService.method.uploadLogo;
const removeLogo = SettingsService.method.removeLogo;
const logo = { name: `${"a".repeat(64)}.png`, url: `/files/logos/${"a".repeat(64)}.png` };
const withoutLogo = someSettings();
const withLogo = someSettings({ logo });

/** The first bytes of a PNG, enough for the field (the server reads the rest). */
const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const file = (name: string, type: string, content: BlobPart = pngBytes) =>
  new File([content], name, { type });

/** openCompany shows the settings page's company section with the server's answers. */
async function openCompany({
  caller = anOwner(),
  settings = [withoutLogo],
  more = [] as Canned[],
  locale = "en" as "en" | "de",
} = {}) {
  const [first, ...later] = settings;
  const api = cannedApi(
    signedIn(caller),
    answer(
      SettingsService.method.getSettings,
      { settings: first! },
      ...later.map((s) => ({ settings: s })),
    ),
    ...more,
  );
  renderApp("/settings", api, locale);
  const section = await screen.findByRole("region", {
    name: locale === "de" ? "Firma" : "Company",
  });
  // The file chooser accepts what the server does; the tests also hand it
  // what a browser would let through with "all files" chosen.
  const user = userEvent.setup({ applyAccept: false });
  const input = section.querySelector('input[type="file"][name="logo"]') as HTMLInputElement;
  return { api, section, user, input };
}

describe("the issuer's logo", () => {
  it("uploads a PNG at once and shows it", async () => {
    const { api, section, user, input } = await openCompany({
      settings: [withoutLogo, withLogo],
      more: [answer(uploadLogo, { settings: withLogo })],
    });
    expect(within(section).getByText("No logo")).toBeInTheDocument();
    expect(input).toHaveAttribute("accept", "image/png,image/jpeg");
    expect(within(section).queryByRole("button", { name: "Remove logo" })).not.toBeInTheDocument();

    await user.upload(input, file("logo.png", "image/png"));
    expect(await screen.findByText("Logo saved")).toBeInTheDocument();
    const sent = api.requests(uploadLogo)[0]!;
    expect(sent.contentType).toBe("image/png");
    expect(Array.from(sent.content)).toEqual(Array.from(pngBytes));
    // The page shows what the server has now.
    const img = await within(section).findByRole("img", { name: "The company's logo" });
    expect(img).toHaveAttribute("src", logo.url);
    expect(within(section).getByRole("button", { name: "Replace logo" })).toBeInTheDocument();
    // The company's form is not touched: nothing to save.
    expect(within(section).getByRole("button", { name: "Save changes" })).toBeDisabled();
  });

  it("sends a JPEG as a JPEG", async () => {
    const { api, user, input } = await openCompany({
      more: [answer(uploadLogo, { settings: withLogo })],
    });
    await user.upload(input, file("logo.jpg", "image/jpeg", new Uint8Array([0xff, 0xd8, 0xff])));
    await screen.findByText("Logo saved");
    expect(api.requests(uploadLogo)[0]?.contentType).toBe("image/jpeg");
  });

  it("removes the logo", async () => {
    const { api, section, user } = await openCompany({
      settings: [withLogo, withoutLogo],
      more: [answer(removeLogo, { settings: withoutLogo })],
    });
    expect(within(section).getByRole("img", { name: "The company's logo" })).toHaveAttribute(
      "src",
      logo.url,
    );
    await user.click(within(section).getByRole("button", { name: "Remove logo" }));
    expect(await screen.findByText("Logo removed")).toBeInTheDocument();
    expect(api.requests(removeLogo)).toHaveLength(1);
    expect(await within(section).findByText("No logo")).toBeInTheDocument();
  });

  it("refuses a GIF and a file above 512 KiB without asking the server", async () => {
    const { api, section, user, input } = await openCompany();
    await user.upload(input, file("logo.gif", "image/gif", "GIF89a"));
    expect(await within(section).findByText("Choose a PNG or JPEG image.")).toBeInTheDocument();

    await user.upload(input, file("logo.png", "image/png", new Uint8Array(512 * 1024 + 1)));
    expect(
      await within(section).findByText(/^The file has .+; a logo may have at most 512 KiB\.$/),
    ).toBeInTheDocument();
    expect(api.requests(uploadLogo)).toHaveLength(0);
  });

  it("shows the server's refusal at the field", async () => {
    const refusal = invalid([
      {
        path: ["content"],
        ruleId: "content.dimensions",
        message: "the image has 5000 × 300 pixels; a logo has at most 4000 × 4000",
      },
    ]);
    const en = await openCompany({ more: [answer(uploadLogo, refusal)] });
    await en.user.upload(en.input, file("logo.png", "image/png"));
    expect(
      await within(en.section).findByText(
        "the image has 5000 × 300 pixels; a logo has at most 4000 × 4000",
      ),
    ).toBeInTheDocument();
    expect(within(en.section).getByText("No logo")).toBeInTheDocument();
  });

  it("translates the server's refusal in German", async () => {
    const refusal = invalid([
      { path: ["content"], ruleId: "content.image", message: "the file is not a PNG image" },
    ]);
    const de = await openCompany({ more: [answer(uploadLogo, refusal)], locale: "de" });
    await de.user.upload(de.input, file("logo.png", "image/png"));
    expect(
      await within(de.section).findByText("Die Datei ist kein Bild eines erlaubten Typs."),
    ).toBeInTheDocument();
  });

  it("only shows the logo to those who may not change the settings", async () => {
    const { section, input } = await openCompany({ caller: aDeveloper(), settings: [withLogo] });
    await waitFor(() =>
      expect(within(section).getByRole("img", { name: "The company's logo" })).toHaveAttribute(
        "src",
        logo.url,
      ),
    );
    expect(input).toBeNull();
    expect(within(section).queryByRole("button", { name: /logo/ })).not.toBeInTheDocument();
  });
});
