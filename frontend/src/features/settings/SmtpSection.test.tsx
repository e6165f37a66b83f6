import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { Code, ConnectError } from "@connectrpc/connect";
import {
  SettingsService,
  SmtpSecurity,
} from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { aDeveloper, anOwner, someSettings } from "@/test/builders";
import { answer, cannedApi, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const settings = someSettings();
const update = SettingsService.method.updateSettings;
const sendTestMail = SettingsService.method.sendTestMail;

async function openSmtp({
  caller = anOwner(),
  more = [] as Canned[],
  locale = "en" as "en" | "de",
} = {}) {
  const api = cannedApi(
    signedIn(caller),
    answer(SettingsService.method.getSettings, { settings }),
    ...more,
  );
  renderApp("/settings", api, locale);
  const name = locale === "de" ? "Rechnungsversand per E-Mail" : "Invoice e-mail";
  const section = await screen.findByRole("region", { name });
  return { api, section, user: userEvent.setup() };
}

describe("invoice e-mail settings", () => {
  it("shows the server without its password and leaves the password out of a save", async () => {
    const { api, section, user } = await openSmtp({ more: [answer(update, { settings })] });
    expect(within(section).getByLabelText("SMTP server")).toHaveValue("smtp.leitstand.example");
    expect(within(section).getByLabelText("Port")).toHaveValue("587");
    expect(within(section).getByLabelText("Password")).toHaveValue("Set (not shown)");
    expect(within(section).getByLabelText("Password")).toHaveAttribute("readonly");

    const host = within(section).getByLabelText("SMTP server");
    await user.clear(host);
    await user.type(host, " mail.leitstand.example ");
    await user.click(within(section).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Invoice e-mail saved")).toBeInTheDocument();
    const sent = api.requests(update)[0]!;
    expect(sent.updateMask?.paths).toEqual(["smtp.host"]);
    expect(sent.settings?.smtp?.host).toBe("mail.leitstand.example");
    // Nothing typed: no password goes to the server, the stored one stays.
    expect(sent.settings?.smtp?.password ?? "").toBe("");
  });

  it("sends a new password only once one is typed", async () => {
    const { api, section, user } = await openSmtp({ more: [answer(update, { settings })] });
    await user.click(within(section).getByRole("button", { name: "Change" }));
    const password = within(section).getByLabelText("Password");
    expect(password).toHaveValue("");
    // Changing one's mind keeps the stored one.
    await user.click(within(section).getByRole("button", { name: "Keep" }));
    expect(within(section).getByLabelText("Password")).toHaveValue("Set (not shown)");
    expect(within(section).getByRole("button", { name: "Save changes" })).toBeDisabled();

    await user.click(within(section).getByRole("button", { name: "Change" }));
    await user.type(within(section).getByLabelText("Password"), "neues Geheimnis");
    await user.click(within(section).getByRole("button", { name: "Save changes" }));
    await screen.findByText("Invoice e-mail saved");
    expect(api.requests(update)[0]).toMatchObject({
      settings: { smtp: { password: "neues Geheimnis" } },
      updateMask: { paths: ["smtp.password"] },
    });
  });

  it("proposes the usual port with the security", async () => {
    const { api, section, user } = await openSmtp({ more: [answer(update, { settings })] });
    await user.click(within(section).getByRole("combobox", { name: "Security" }));
    await user.click(await screen.findByRole("option", { name: "TLS (port 465)" }));
    expect(within(section).getByLabelText("Port")).toHaveValue("465");
    await user.click(within(section).getByRole("button", { name: "Save changes" }));
    await screen.findByText("Invoice e-mail saved");
    expect(api.requests(update)[0]).toMatchObject({
      settings: { smtp: { port: 465, security: SmtpSecurity.TLS } },
      updateMask: { paths: ["smtp.port", "smtp.security"] },
    });
  });

  it("marks a sender that is no address without asking the server", async () => {
    const { api, section, user } = await openSmtp();
    const from = within(section).getByLabelText("Sender address");
    await user.clear(from);
    await user.type(from, "rechnung");
    await user.click(within(section).getByRole("button", { name: "Save changes" }));
    expect(await within(section).findByText("Enter a valid e-mail address.")).toBeInTheDocument();
    expect(api.requests(update)).toHaveLength(0);
  });

  it("sends a test e-mail and shows the server's answer", async () => {
    const { api, section, user } = await openSmtp({
      more: [
        answer(
          sendTestMail,
          { delivered: true, answer: "250 2.0.0 Ok: queued as 4F2K9" },
          { delivered: false, temporary: false, answer: "550 5.1.1 mailbox unavailable" },
        ),
      ],
    });
    const test = within(section).getByTestId("smtp-test");
    const send = within(test).getByRole("button", { name: "Send test e-mail" });
    expect(send).toBeDisabled();
    await user.type(within(test).getByLabelText("Send a test e-mail to"), "ops@example.com");
    await user.click(send);
    const result = await within(test).findByTestId("smtp-test-result");
    expect(result).toHaveTextContent("The server accepted the test e-mail");
    expect(result).toHaveTextContent("250 2.0.0 Ok: queued as 4F2K9");
    expect(api.requests(sendTestMail)[0]).toMatchObject({ to: "ops@example.com" });
    // The page's settings were not saved by it.
    expect(api.requests(update)).toHaveLength(0);

    await user.click(send);
    await waitFor(() =>
      expect(within(test).getByTestId("smtp-test-result")).toHaveTextContent(
        "550 5.1.1 mailbox unavailable",
      ),
    );
    expect(within(test).getByTestId("smtp-test-result")).toHaveTextContent(
      "The test e-mail was not sent (check the settings)",
    );
  });

  it("says why a test e-mail could not be tried", async () => {
    const { section, user } = await openSmtp({
      more: [
        answer(
          sendTestMail,
          new ConnectError(
            "save an SMTP server and a sender address first",
            Code.FailedPrecondition,
          ),
        ),
      ],
    });
    const test = within(section).getByTestId("smtp-test");
    await user.type(within(test).getByLabelText("Send a test e-mail to"), "ops@example.com{Enter}");
    expect(await within(test).findByTestId("smtp-test-result")).toHaveTextContent(
      "save an SMTP server and a sender address first",
    );
  });

  it("is in German for a German interface", async () => {
    const { section } = await openSmtp({ locale: "de" });
    expect(within(section).getByLabelText("Passwort")).toHaveValue("Gesetzt (nicht angezeigt)");
    expect(within(section).getByRole("button", { name: "Test-E-Mail senden" })).toBeDisabled();
  });

  it("is read-only without the permission to change settings, and sends no test e-mail", async () => {
    const { section } = await openSmtp({ caller: aDeveloper() });
    expect(within(section).getByLabelText("SMTP server")).toHaveAttribute("readonly");
    expect(within(section).queryByTestId("smtp-test")).not.toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: "Change" })).not.toBeInTheDocument();
  });
});
