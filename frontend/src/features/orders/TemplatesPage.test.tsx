import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { ProcessTemplateService } from "@leitstand/sdk/leitstand/admin/v1/process_template_service_pb.js";
import { aDeveloper, anOperator, at } from "@/test/builders";
import { answer, cannedApi, invalid, signedIn } from "@/test/canned";
import { renderApp } from "@/test/render";

const m = ProcessTemplateService.method;
const onboarding = {
  id: "ptp_1",
  name: "Onboarding",
  description: "A new customer, from the contract to the first training.",
  steps: ["Create the organization", "Invite the admins", "Training session"],
  updateTime: at("2026-02-01T09:00:00Z"),
};
const list = answer(m.listProcessTemplates, {
  processTemplates: [onboarding, { id: "ptp_2", name: "Offboarding", steps: ["Export"] }],
});

describe("process templates page", () => {
  it("lists the templates with their steps, and says edits leave orders' processes be", async () => {
    renderApp("/templates", cannedApi(signedIn(anOperator()), list));
    const row = (await screen.findByText("Onboarding")).closest("tr")!;
    expect(row).toHaveTextContent("3 steps");
    expect(row).toHaveTextContent("A new customer");
    expect(screen.getByText(/does not change processes already on orders/)).toBeInTheDocument();
  });

  it("creates a template with ordered steps", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      list,
      answer(m.createProcessTemplate, { processTemplate: { id: "ptp_3", name: "Migration" } }),
    );
    renderApp("/templates", api);
    await userEvent.click(await screen.findByRole("button", { name: "New template" }));
    const dialog = await screen.findByRole("dialog", { name: "New process template" });
    await userEvent.type(within(dialog).getByLabelText(/^Name/), "Migration");
    await userEvent.type(within(dialog).getByLabelText("Step 1"), "Switch DNS");
    await userEvent.click(within(dialog).getByRole("button", { name: "Add step" }));
    await userEvent.type(within(dialog).getByLabelText("Step 2"), "Inventory");
    // The inventory comes first.
    await userEvent.click(within(dialog).getByRole("button", { name: "Move step 2 up" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Add step" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove step 3" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "New template" }));
    await waitFor(() =>
      expect(api.lastRequest(m.createProcessTemplate)).toMatchObject({
        processTemplate: { name: "Migration", steps: ["Inventory", "Switch DNS"] },
      }),
    );
  });

  it("asks for a step, and shows where the server refuses a name", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      list,
      answer(
        m.createProcessTemplate,
        invalid([
          {
            path: ["process_template", "name"],
            ruleId: "string.max_len",
            message: "value length must be at most 100 characters",
          },
        ]),
      ),
    );
    renderApp("/templates", api);
    await userEvent.click(await screen.findByRole("button", { name: "New template" }));
    const dialog = await screen.findByRole("dialog", { name: "New process template" });
    await userEvent.type(within(dialog).getByLabelText(/^Name/), "Migration");
    await userEvent.click(within(dialog).getByRole("button", { name: "New template" }));
    expect(
      await within(dialog).findByText("Give the template at least one step."),
    ).toBeInTheDocument();
    expect(api.lastRequest(m.createProcessTemplate)).toBeUndefined();
    await userEvent.type(within(dialog).getByLabelText("Step 1"), "Inventory");
    await userEvent.click(within(dialog).getByRole("button", { name: "New template" }));
    expect(await within(dialog).findByText(/at most 100 characters/)).toBeInTheDocument();
  });

  it("sends only the changed fields of an edited template", async () => {
    const api = cannedApi(
      signedIn(anOperator()),
      list,
      answer(m.updateProcessTemplate, { processTemplate: onboarding }),
    );
    renderApp("/templates", api);
    await userEvent.click(await screen.findByRole("button", { name: "Actions: Onboarding" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Edit" }));
    const dialog = await screen.findByRole("dialog", { name: "Edit template Onboarding" });
    await userEvent.click(within(dialog).getByRole("button", { name: "Move step 3 up" }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Save changes" }));
    await waitFor(() =>
      expect(api.lastRequest(m.updateProcessTemplate)).toMatchObject({
        processTemplate: {
          id: "ptp_1",
          steps: ["Create the organization", "Training session", "Invite the admins"],
        },
        updateMask: { paths: ["steps"] },
      }),
    );
  });

  it("deletes a template once confirmed", async () => {
    const api = cannedApi(signedIn(anOperator()), list, answer(m.deleteProcessTemplate, {}));
    renderApp("/templates", api);
    await userEvent.click(await screen.findByRole("button", { name: "Actions: Offboarding" }));
    await userEvent.click(await screen.findByRole("menuitem", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog", { name: "Delete the template Offboarding?" });
    expect(within(dialog).getByText(/stay as they are/)).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete" }));
    await waitFor(() =>
      expect(api.lastRequest(m.deleteProcessTemplate)).toEqual(
        expect.objectContaining({ id: "ptp_2" }),
      ),
    );
  });

  it("shows a developer the templates without changing them", async () => {
    renderApp("/templates", cannedApi(signedIn(aDeveloper()), list));
    await screen.findByText("Onboarding");
    expect(screen.queryByRole("button", { name: "New template" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Actions: Onboarding" })).not.toBeInTheDocument();
  });
});
