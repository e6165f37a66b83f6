import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AuthService } from "@leitstand/sdk/leitstand/admin/v1/auth_service_pb.js";
import { anOwner } from "@/test/builders";
import { answer, cannedApi, signedIn, wrongCode } from "@/test/canned";
import { renderApp } from "@/test/render";

const qrCode =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAfbLI3wAAAABJRU5ErkJggg==";
const recoveryCodes = Array.from({ length: 10 }, (_, i) => `k${i}bcd-efgh${i}`);

describe("the security page", () => {
  afterEach(() => vi.restoreAllMocks());

  it("sets up an authenticator app: QR code and key, a first code, then the recovery codes once", async () => {
    const api = cannedApi(
      signedIn(anOwner(), anOwner({ secondFactorEnrolled: true })),
      answer(AuthService.method.beginSecondFactorEnrollment, {
        secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        uri: "otpauth://totp/Leitstand:owner%40demo.leitstand.test?issuer=Leitstand",
        qrCodePngDataUrl: qrCode,
      }),
      answer(AuthService.method.confirmSecondFactorEnrollment, wrongCode(), { recoveryCodes }),
    );
    renderApp("/account/security", api);
    expect(await screen.findByTestId("second-factor-status")).toHaveTextContent("Off");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Set up authenticator app" }));

    const qr = await screen.findByRole("img", {
      name: "QR code that adds Leitstand to your authenticator app",
    });
    expect(qr).toHaveAttribute("src", qrCode);
    expect(screen.getByTestId("second-factor-secret")).toHaveTextContent(
      "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP",
    );

    const code = screen.getByLabelText(/^Code from your authenticator app/);
    await user.type(code, "000000");
    await user.click(screen.getByRole("button", { name: "Turn on" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "The code is wrong or was used already.",
    );
    await user.type(code, "123456");
    await user.click(screen.getByRole("button", { name: "Turn on" }));

    const list = await screen.findByRole("list", { name: "Recovery codes" });
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual(recoveryCodes);
    expect(screen.getByText(/They will not be shown again/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Copy codes" })).toBeInTheDocument();

    // The download is a text file with every code.
    const files: Blob[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      files.push(blob as Blob);
      return "blob:recovery-codes";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
    const saved = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    await user.click(screen.getByRole("button", { name: "Download (.txt)" }));
    expect(saved.mock.contexts[0]).toHaveAttribute("download", "leitstand-recovery-codes.txt");
    const text = await files[0]!.text();
    for (const recoveryCode of recoveryCodes) expect(text).toContain(recoveryCode);

    await user.click(screen.getByRole("button", { name: "I have saved the codes" }));
    await waitFor(() => expect(screen.getByTestId("second-factor-status")).toHaveTextContent("On"));
    expect(screen.queryByTestId("recovery-codes")).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Turn off" })).toBeInTheDocument();
    expect(
      api.requests(AuthService.method.confirmSecondFactorEnrollment).map((r) => r.code),
    ).toEqual(["000000", "123456"]);
  });

  it("turns the second factor off with a recovery code", async () => {
    const api = cannedApi(
      signedIn(anOwner({ secondFactorEnrolled: true }), anOwner()),
      answer(AuthService.method.disableSecondFactor, {}),
    );
    renderApp("/account/security", api);
    expect(await screen.findByTestId("second-factor-status")).toHaveTextContent("On");
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Turn off" }));
    const dialog = await screen.findByRole("dialog", { name: "Turn off the second factor?" });
    await user.click(within(dialog).getByRole("button", { name: "Use a recovery code instead" }));
    await user.type(within(dialog).getByLabelText(/^Recovery code/), "k0bcd-efgh0");
    await user.click(within(dialog).getByRole("button", { name: "Turn off" }));
    await waitFor(() =>
      expect(screen.getByTestId("second-factor-status")).toHaveTextContent("Off"),
    );
    expect(api.requests(AuthService.method.disableSecondFactor)).toMatchObject([
      { code: "k0bcd-efgh0" },
    ]);
  });
});
