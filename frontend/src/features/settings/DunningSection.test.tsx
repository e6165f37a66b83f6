import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { notifications } from "@mantine/notifications";
import { SettingsService } from "@leitstand/sdk/leitstand/admin/v1/settings_service_pb.js";
import { aDeveloper, anOwner, someSettings } from "@/test/builders";
import { answer, cannedApi, invalid, signedIn, type Canned } from "@/test/canned";
import { renderApp } from "@/test/render";

const settings = someSettings();

// The notifications outlive a test's page: each test starts without the last one's.
afterEach(() => notifications.clean());
const update = SettingsService.method.updateSettings;

async function openDunning({
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
  const section = await screen.findByRole("region", {
    name: locale === "de" ? "Mahnwesen" : "Dunning",
  });
  return { api, section, user: userEvent.setup() };
}

/** The inputs of one level of a section, by the level's name. */
const level = (section: HTMLElement, name: string) => {
  const group = within(section).getByRole("group", { name });
  return {
    days: within(group).getByLabelText("Days after the due date"),
    fee: within(group).getByLabelText("Fee"),
  };
};

describe("dunning settings", () => {
  it("shows each level's days and fee in euros, and the days to pay", async () => {
    const { section } = await openDunning();
    expect(within(section).getByRole("switch", { name: /^Chase overdue invoices/ })).toBeChecked();
    const reminder = level(section, "Payment reminder");
    expect(reminder.days).toHaveValue("7 days");
    expect(reminder.fee).toHaveValue("0.00");
    const first = level(section, "1st notice");
    expect(first.days).toHaveValue("21 days");
    expect(first.fee).toHaveValue("5.00");
    const second = level(section, "2nd notice");
    expect(second.days).toHaveValue("35 days");
    expect(second.fee).toHaveValue("10.00");
    expect(within(section).getByLabelText("Days to pay")).toHaveValue("7 days");
    expect(within(section).getByRole("button", { name: "Save changes" })).toBeDisabled();
  });

  it("saves the whole section with the mask dunning and the fees in cents", async () => {
    const saved = someSettings({
      dunning: {
        ...settings.dunning!,
        firstNoticeFeeCents: 750n,
        secondNoticeDays: 42,
      },
    });
    const { api, section, user } = await openDunning({
      more: [answer(update, { settings: saved })],
    });
    const first = level(section, "1st notice");
    await user.clear(first.fee);
    await user.type(first.fee, "7,50");
    const second = level(section, "2nd notice");
    await user.clear(second.days);
    await user.type(second.days, "42");
    await user.type(within(section).getByLabelText("Reason (optional)"), "Neue Mahngebühren");
    await user.click(within(section).getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Dunning saved")).toBeInTheDocument();
    expect(api.requests(update)).toHaveLength(1);
    expect(api.lastRequest(update)).toMatchObject({
      updateMask: { paths: ["dunning"] },
      reason: "Neue Mahngebühren",
      settings: {
        dunning: {
          enabled: true,
          reminderDays: 7,
          reminderFeeCents: 0n,
          firstNoticeDays: 21,
          firstNoticeFeeCents: 750n,
          secondNoticeDays: 42,
          secondNoticeFeeCents: 1000n,
          payWithinDays: 7,
        },
      },
    });
    // Only the dunning section goes to the server.
    expect(api.lastRequest(update)?.settings?.bank).toBeUndefined();
  });

  it("turns dunning off", async () => {
    const off = someSettings({ dunning: { ...settings.dunning!, enabled: false } });
    const { api, section, user } = await openDunning({ more: [answer(update, { settings: off })] });
    await user.click(within(section).getByRole("switch", { name: /^Chase overdue invoices/ }));
    await user.click(within(section).getByRole("button", { name: "Save changes" }));
    await screen.findByText("Dunning saved");
    expect(api.lastRequest(update)).toMatchObject({
      updateMask: { paths: ["dunning"] },
      settings: { dunning: { enabled: false, firstNoticeDays: 21 } },
    });
  });

  it("shows the server's verdict on the order of the levels at the field it names", async () => {
    const { api, section, user } = await openDunning({
      more: [
        answer(
          update,
          invalid([
            {
              path: ["settings", "dunning", "first_notice_days"],
              ruleId: "dunning.increasing",
              message: "must be after the payment reminder's 30 days",
            },
          ]),
        ),
      ],
    });
    const reminder = level(section, "Payment reminder");
    await user.clear(reminder.days);
    await user.type(reminder.days, "30");
    await user.click(within(section).getByRole("button", { name: "Save changes" }));
    expect(
      await within(section).findByText("must be after the payment reminder's 30 days"),
    ).toBeInTheDocument();
    expect(level(section, "1st notice").days).toHaveAttribute("aria-invalid", "true");
    expect(api.lastRequest(update)?.settings?.dunning?.reminderDays).toBe(30);
    // The form keeps what was typed, to be corrected.
    expect(level(section, "Payment reminder").days).toHaveValue("30 days");
  });

  it("says the server's verdict in German, and a fee's bound before asking", async () => {
    const { api, section, user } = await openDunning({
      locale: "de",
      more: [
        answer(
          update,
          invalid([
            {
              path: ["settings", "dunning", "second_notice_days"],
              ruleId: "dunning.increasing",
              message: "must be after the first notice's 21 days",
            },
          ]),
        ),
      ],
    });
    const group = within(section).getByRole("group", { name: "2. Mahnung" });
    const fee = within(group).getByLabelText("Gebühr");
    await user.clear(fee);
    await user.type(fee, "150");
    await user.click(within(section).getByRole("button", { name: "Änderungen speichern" }));
    expect(
      await within(section).findByText("Geben Sie einen Betrag von 0 bis 100,00 € ein."),
    ).toBeInTheDocument();
    expect(api.requests(update)).toHaveLength(0);

    await user.clear(fee);
    await user.type(fee, "15");
    const days = within(group).getByLabelText("Tage nach Fälligkeit");
    await user.clear(days);
    await user.type(days, "14");
    await user.click(within(section).getByRole("button", { name: "Änderungen speichern" }));
    expect(
      await within(section).findByText("Jede Stufe muss später kommen als die vorige."),
    ).toBeInTheDocument();
    await waitFor(() => expect(days).toHaveAttribute("aria-invalid", "true"));
    expect(api.lastRequest(update)?.settings?.dunning).toMatchObject({
      secondNoticeDays: 14,
      secondNoticeFeeCents: 1500n,
    });
  });

  it("is read-only for a developer", async () => {
    const { section } = await openDunning({ caller: aDeveloper() });
    expect(level(section, "1st notice").fee).toHaveAttribute("readonly");
    expect(within(section).getByRole("switch", { name: /^Chase overdue invoices/ })).toBeDisabled();
    expect(within(section).queryByRole("button", { name: "Save changes" })).toBe(null);
  });
});
